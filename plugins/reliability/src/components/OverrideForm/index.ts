export { OverrideForm } from './OverrideForm';
