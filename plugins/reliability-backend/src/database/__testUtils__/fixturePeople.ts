/** The entities and people the migration fixtures are about. */
export const PAYMENTS = 'component:default/payments-api';
export const LEDGER = 'component:default/ledger';
export const CHECKOUT = 'component:default/checkout-api';
export const ANA = 'user:default/ana';
export const GITA = 'user:default/gita';
export const t = (iso: string) => new Date(iso);
