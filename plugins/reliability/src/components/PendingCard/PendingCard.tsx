import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';

/**
 * A card whose data is not there: loading while there is no error, the
 * backend's error otherwise (never a blank card).
 *
 * @public
 */
export function PendingCard(props: { title: string; error?: Error }) {
  return (
    <InfoCard title={props.title}>
      {props.error ? <ResponseErrorPanel error={props.error} /> : <Progress />}
    </InfoCard>
  );
}
