import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  READINESS_DR_TEST_ITEM,
  ReadinessItemResult,
  ReadinessItemStatus,
} from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { PendingCard } from '../PendingCard';
import { AttestDialog } from './AttestDialog';
import { RequestReviewDialog } from './RequestReviewDialog';
import { WaiveDialog } from './WaiveDialog';

const REVIEW_SEVERITY = {
  approved: 'success',
  requested: 'info',
  rejected: 'warning',
  lapsed: 'warning',
} as const;

const SYMBOL: Record<ReadinessItemStatus, string> = {
  pass: '✔',
  attested: '✔',
  waived: '⚑',
  fail: '✘',
  expired: '⌛',
  unknown: '?',
};

const WAIVABLE = new Set<ReadinessItemStatus>(['fail', 'expired', 'unknown']);

function statusColor(theme: Theme, status: ReadinessItemStatus) {
  if (status === 'pass' || status === 'attested')
    return theme.palette.success.main;
  if (status === 'waived' || status === 'unknown')
    return theme.palette.warning.main;
  return theme.palette.error.main;
}

const useStyles = makeStyles<Theme>(theme => ({
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
  },
  symbol: { width: 18, fontWeight: 700, textAlign: 'center' },
  category: { marginTop: theme.spacing(2) },
}));

/**
 * The production-readiness checklist of the entity's tier: items by
 * category with their status, reason and evidence, attestation for manual
 * items, waivers, and the review request and state.
 *
 * @public
 */
export function EntityReadinessCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const { value, loading, error, retry } = useReliabilityQuery(
    api => api.getReadiness(getCompoundEntityRef(entity)),
    [entity],
  );
  const [attesting, setAttesting] = useState<ReadinessItemResult>();
  const [waiving, setWaiving] = useState<ReadinessItemResult>();
  const [requesting, setRequesting] = useState(false);
  const title = 'Production readiness';
  if (!value && (loading || error))
    return <PendingCard title={title} error={loading ? undefined : error} />;
  const readiness = value!;
  const categories = [...new Set(readiness.items.map(i => i.category))];
  const review = readiness.review;
  return (
    <InfoCard
      title={title}
      subheader={`${readiness.ready ? 'Ready' : 'Not ready'} · ${Math.round(
        readiness.score * 100,
      )} % of items done${readiness.tier ? ` · ${readiness.tier}` : ''}`}
      action={
        // Pending or approved: nothing to ask for until it lapses or is rejected.
        !review || review.state === 'rejected' || review.state === 'lapsed' ? (
          <Box mt={1} mr={1}>
            <Button
              size="small"
              color="primary"
              onClick={() => setRequesting(true)}
            >
              Request review
            </Button>
          </Box>
        ) : undefined
      }
    >
      <LinearProgress
        variant="determinate"
        value={readiness.score * 100}
        aria-label="Readiness score"
      />
      {review && (
        <Box mt={2}>
          <Alert
            severity={REVIEW_SEVERITY[review.state]}
            data-testid="readiness-review"
          >
            Review {review.state}
            {review.decidedBy
              ? ` by ${review.decidedBy.replace(/^user:[^/]+\//, '')}`
              : ''}
            {review.decidedAt
              ? ` on ${new Date(review.decidedAt).toLocaleDateString()}`
              : ''}
            {review.state === 'requested'
              ? ` since ${new Date(review.requestedAt).toLocaleDateString()}`
              : ''}
            {review.lapseReason ? `: ${review.lapseReason}` : ''}
          </Alert>
        </Box>
      )}
      {categories.map(category => (
        <div key={category} className={classes.category}>
          <Typography variant="subtitle2">{category}</Typography>
          {readiness.items
            .filter(i => i.category === category)
            .map(item => (
              <div
                key={item.id}
                className={classes.item}
                data-testid={`readiness-${item.id}`}
              >
                <ItemSymbol status={item.status} />
                <Box flexGrow={1}>
                  <Typography variant="body2">
                    {item.title}{' '}
                    {item.level === 'recommended' && (
                      <Chip
                        size="small"
                        label="recommended"
                        variant="outlined"
                      />
                    )}
                    {item.waiver && (
                      <Chip
                        size="small"
                        label={`waived until ${item.waiver.expiresAt.slice(
                          0,
                          10,
                        )}`}
                      />
                    )}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {item.reason}
                    {item.attestation && (
                      <>
                        {' · '}
                        <Link href={item.attestation.evidenceUrl}>
                          evidence
                        </Link>
                        , valid until {item.attestation.expiresAt.slice(0, 10)}
                      </>
                    )}
                  </Typography>
                </Box>
                {item.kind === 'manual' && item.status !== 'attested' && (
                  <Button size="small" onClick={() => setAttesting(item)}>
                    Attest
                  </Button>
                )}
                {item.id === READINESS_DR_TEST_ITEM && (
                  <Button size="small" onClick={() => setAttesting(item)}>
                    Record test
                  </Button>
                )}
                {WAIVABLE.has(item.status) && !item.waiver && (
                  <Button size="small" onClick={() => setWaiving(item)}>
                    Waive
                  </Button>
                )}
              </div>
            ))}
        </div>
      ))}
      {requesting && (
        <RequestReviewDialog
          onClose={() => setRequesting(false)}
          onSaved={() => {
            setRequesting(false);
            retry();
          }}
        />
      )}
      {waiving && (
        <WaiveDialog
          item={waiving}
          onClose={() => setWaiving(undefined)}
          onSaved={() => {
            setWaiving(undefined);
            retry();
          }}
        />
      )}
      {attesting && (
        <AttestDialog
          item={attesting}
          onClose={() => setAttesting(undefined)}
          onSaved={() => {
            setAttesting(undefined);
            retry();
          }}
        />
      )}
    </InfoCard>
  );
}

function ItemSymbol(props: { status: ReadinessItemStatus }) {
  const classes = useStyles();
  return (
    <Typography
      component="span"
      className={classes.symbol}
      aria-label={props.status}
    >
      <ColoredSymbol status={props.status} />
    </Typography>
  );
}

const useSymbolStyles = makeStyles<Theme, { status: ReadinessItemStatus }>(
  theme => ({
    symbol: { color: ({ status }) => statusColor(theme, status) },
  }),
);

function ColoredSymbol(props: { status: ReadinessItemStatus }) {
  const classes = useSymbolStyles({ status: props.status });
  return <span className={classes.symbol}>{SYMBOL[props.status]}</span>;
}
