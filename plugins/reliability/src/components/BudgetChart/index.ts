export { BudgetChart } from './BudgetChart';
