export { RotationForm } from './RotationForm';
