import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { DeployGateResponse } from '@reliability-suite/plugin-reliability-common';

/**
 * Says when deploys are frozen by the error-budget policy, or allowed only
 * by an exception; says nothing when the gate is simply open.
 *
 * @public
 */
export function DeployGateBanner(props: { gate: DeployGateResponse }) {
  const { gate } = props;
  if (!gate.allowed) {
    return (
      <Alert severity="error" role="alert">
        <AlertTitle>Deploys are frozen</AlertTitle>
        {gate.reasons.map(reason => (
          <div key={reason}>{reason}</div>
        ))}
      </Alert>
    );
  }
  if (gate.exception) {
    return (
      <Alert severity="warning">
        <AlertTitle>
          Deploys allowed by an exception until{' '}
          {new Date(gate.exception.endsAt).toLocaleString()}
        </AlertTitle>
        {gate.reasons.map(reason => (
          <div key={reason}>{reason}</div>
        ))}
      </Alert>
    );
  }
  return null;
}
