export { RotationForm, saveErrorMessage } from './RotationForm';
