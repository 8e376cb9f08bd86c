export { FormDialog } from './FormDialog';
export type { FormDialogAction, FormDialogProps } from './FormDialog';
export { saveErrorMessage } from './saveErrorMessage';
