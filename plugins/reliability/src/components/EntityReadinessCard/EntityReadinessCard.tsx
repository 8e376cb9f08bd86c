import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  READINESS_DR_TEST_ITEM,
  ReadinessItemResult,
  ReadinessItemStatus,
} from '@reliability-suite/plugin-reliability-common';
import { FormEvent, ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { PendingCard } from '../PendingCard';
import { saveErrorMessage } from '../RotationForm';

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
 * The form dialog the card's actions share: on submit it saves, closes on
 * success, and otherwise keeps the form open with the server's message.
 */
function FormDialog(props: {
  title: string;
  submitLabel: string;
  save: () => Promise<void>;
  onClose: () => void;
  onSaved: () => void;
  children: ReactNode;
}) {
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await props.save();
      props.onSaved();
    } catch (e) {
      setError(saveErrorMessage(e).message);
    }
  };
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit}>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          {error && <Alert severity="error">{error}</Alert>}
          {props.children}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained">
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

type ItemDialogProps = {
  item: ReadinessItemResult;
  onClose: () => void;
  onSaved: () => void;
};

function AttestDialog(props: ItemDialogProps) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [note, setNote] = useState('');
  // A DR test is recorded rather than attested: the rule judges its date.
  const drTest = props.item.id === READINESS_DR_TEST_ITEM;
  return (
    <FormDialog
      {...props}
      title={drTest ? 'Record a DR test' : `Attest: ${props.item.title}`}
      submitLabel={drTest ? 'Record' : 'Attest'}
      save={() =>
        api.attest(getCompoundEntityRef(entity), {
          itemId: props.item.id,
          evidenceUrl,
          note: note || null,
        })
      }
    >
      <TextField
        label="Evidence URL"
        id="readiness-evidence-url"
        value={evidenceUrl}
        onChange={e => setEvidenceUrl(e.target.value)}
        fullWidth
        margin="dense"
        required
        helperText={
          drTest
            ? 'A link to the drill report; the test counts from today'
            : 'A link to the document, test run or ticket that shows it'
        }
      />
      <TextField
        label="Note"
        id="readiness-note"
        value={note}
        onChange={e => setNote(e.target.value)}
        fullWidth
        margin="dense"
        multiline
      />
    </FormDialog>
  );
}

function isoDateInDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A waiver needs a reason and an end date; the server caps it at 90 days. */
function WaiveDialog(props: ItemDialogProps) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(isoDateInDays(30));
  return (
    <FormDialog
      {...props}
      title={`Waive: ${props.item.title}`}
      submitLabel="Waive"
      save={() =>
        api.waive(getCompoundEntityRef(entity), {
          itemId: props.item.id,
          reason,
          expiresAt: new Date(`${until}T23:59:59Z`).toISOString(),
        })
      }
    >
      <TextField
        label="Reason"
        id="readiness-waiver-reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        fullWidth
        margin="dense"
        required
        multiline
        helperText="Why launching without it is acceptable, and until when"
      />
      <TextField
        label="Waived until"
        id="readiness-waiver-until"
        type="date"
        value={until}
        onChange={e => setUntil(e.target.value)}
        fullWidth
        margin="dense"
        required
        InputLabelProps={{ shrink: true }}
        helperText="At most 90 days from today"
      />
    </FormDialog>
  );
}

/** A review request, with the launch date the team aims for if it has one. */
function RequestReviewDialog(props: {
  onClose: () => void;
  onSaved: () => void;
}) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const [launch, setLaunch] = useState('');
  return (
    <FormDialog
      {...props}
      title="Request a readiness review"
      submitLabel="Request review"
      save={async () => {
        await api.requestReview(getCompoundEntityRef(entity), launch || null);
      }}
    >
      <TextField
        label="Target launch date"
        id="readiness-target-launch"
        type="date"
        value={launch}
        onChange={e => setLaunch(e.target.value)}
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
        helperText="Optional: shown to the reviewers in their queue"
      />
    </FormDialog>
  );
}

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
  const api = useApi(reliabilityApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getReadiness(getCompoundEntityRef(entity)),
    [api, entity],
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
