import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import {
  PendingReadinessReview,
  ReadinessChange,
} from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { FormDialog } from '../FormDialog';

type PendingReview = PendingReadinessReview;

const shortUser = (ref: string) => ref.replace(/^user:[^/]+\//, '');

/** An item's change since the last approval, in a reviewer's words. */
function describeChange(change: ReadinessChange): string {
  if (change.change === 'added') return `new item, now ${change.after}`;
  if (change.change === 'removed')
    return `no longer asked (was ${change.before})`;
  return `${change.before} → ${change.after}`;
}

/**
 * What moved since the entity's last approved review, so a reviewer sees
 * at a glance whether re-approving is a formality.
 */
function ChangesSinceApproval(props: { review: PendingReview }) {
  const { lastApproval, changesSinceApproval } = props.review;
  if (!lastApproval) {
    return (
      <Typography variant="body2" paragraph data-testid="readiness-changes">
        First review: this entity has no approved review to compare with.
      </Typography>
    );
  }
  const since = `${new Date(
    lastApproval.decidedAt,
  ).toLocaleDateString()} by ${shortUser(lastApproval.decidedBy)}`;
  return (
    <Box mb={2} data-testid="readiness-changes">
      <Typography variant="subtitle2">
        Since the last approval ({since})
      </Typography>
      {changesSinceApproval.length === 0 ? (
        <Typography variant="body2">No item has changed.</Typography>
      ) : (
        <ul>
          {changesSinceApproval.map(c => (
            <li key={c.id}>
              <Typography variant="body2">
                {c.title}
                {c.level === 'recommended' ? ' (recommended)' : ''}:{' '}
                {describeChange(c)}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

function entityLink(ref: string) {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind}/${name}/reliability`;
}

function DecisionDialog(props: {
  review: PendingReview;
  onClose: () => void;
  onDone: () => void;
}) {
  const { review } = props;
  const api = useApi(reliabilityApiRef);
  const [comment, setComment] = useState('');
  const decide = (decision: 'approve' | 'reject') => () =>
    api.decideReview(review.id, decision, comment || undefined);
  return (
    <FormDialog
      title={`Review ${parseEntityRef(review.entityRef).name}`}
      submitLabel="Approve"
      save={decide('approve')}
      submitDisabled={review.failingRequired.length > 0}
      actions={[{ label: 'Reject', save: decide('reject') }]}
      onSaved={props.onDone}
      onClose={props.onClose}
    >
      <Typography variant="body2" paragraph>
        Requested by {shortUser(review.requestedBy)} on{' '}
        {new Date(review.requestedAt).toLocaleDateString()}
        {review.targetLaunchDate
          ? `, launch planned ${review.targetLaunchDate}`
          : ''}
        .
      </Typography>
      <ChangesSinceApproval review={review} />
      {review.failingRequired.length === 0 ? (
        <Alert severity="success">
          Every required item passes, is attested or is waived.
        </Alert>
      ) : (
        <Alert severity="warning">
          Failing required items (waive them on the entity's Reliability tab, or
          reject):
          <ul>
            {review.failingRequired.map(item => (
              <li key={item.id}>
                {item.title}: {item.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <TextField
        label="Comment"
        id="readiness-decision-comment"
        value={comment}
        onChange={e => setComment(e.target.value)}
        fullWidth
        margin="dense"
        multiline
      />
    </FormDialog>
  );
}

/**
 * The SRE's queue of pending readiness reviews: tier, team, requested
 * launch date and failing items, with an approve/reject dialog.
 *
 * @public
 */
export function ReadinessQueuePage() {
  const { value, loading, error, retry } = useReliabilityQuery(
    api => api.listPendingReviews(),
    [],
  );
  const [deciding, setDeciding] = useState<PendingReview>();
  const columns: TableColumn<PendingReview>[] = [
    {
      title: 'Entity',
      render: r => (
        <Link to={entityLink(r.entityRef)}>
          {parseEntityRef(r.entityRef).name}
        </Link>
      ),
    },
    { title: 'Tier', field: 'tier' },
    { title: 'Team', field: 'owner' },
    {
      title: 'Requested',
      render: r =>
        `${new Date(r.requestedAt).toLocaleDateString()} by ${shortUser(
          r.requestedBy,
        )}`,
    },
    { title: 'Launch', render: r => r.targetLaunchDate ?? '–' },
    {
      title: 'Failing required items',
      render: r =>
        r.failingRequired.length
          ? r.failingRequired.map(i => i.title).join(', ')
          : 'none',
    },
    {
      title: '',
      render: r => (
        <Button size="small" color="primary" onClick={() => setDeciding(r)}>
          Decide
        </Button>
      ),
    },
  ];
  return (
    <Page themeId="tool">
      <Header
        title="Readiness reviews"
        subtitle="Pending production-readiness reviews, oldest first"
      />
      <Content>
        {loading && !value && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && value.length === 0 && (
          <EmptyState
            missing="data"
            title="No pending reviews"
            description="Teams request a review from the Reliability tab of their service when it is ready to launch."
          />
        )}
        {value && value.length > 0 && (
          <Box>
            <Table<PendingReview>
              title={`Pending (${value.length})`}
              options={{ search: false, paging: false }}
              columns={columns}
              data={value}
            />
          </Box>
        )}
        {deciding && (
          <DecisionDialog
            review={deciding}
            onClose={() => setDeciding(undefined)}
            onDone={() => {
              setDeciding(undefined);
              retry();
            }}
          />
        )}
      </Content>
    </Page>
  );
}
