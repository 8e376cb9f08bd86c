export { ExportOpenSloButton } from './ExportOpenSloButton';
