export { DeployGateBanner } from './DeployGateBanner';
