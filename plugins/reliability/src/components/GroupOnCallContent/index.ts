export { GroupOnCallContent } from './GroupOnCallContent';
