import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';

import { DateTime } from 'luxon';
import { z } from 'zod/v3';

/** A link people follow: http(s) only, at most 2048 characters. */
export const httpUrlSchema = z
  .string()
  .max(2048)
  .url('must be an http(s) URL')
  .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL');

/**
 * The longest entity ref: the catalog allows 63 characters for each of
 * kind, namespace and name.
 */
const MAX_ENTITY_REF = 63 * 3 + 2;

/** A full entity ref (`kind:namespace/name`), made canonical. */
export const entityRefSchema = z
  .string()
  .max(MAX_ENTITY_REF, `must be at most ${MAX_ENTITY_REF} characters`)
  .refine(v => {
    try {
      toCanonicalEntityRef(v);
      return /^[a-z]+:[^/]+\/.+$/i.test(v);
    } catch {
      return false;
    }
  }, 'must be an entity ref such as component:default/checkout-api')
  .transform(v => toCanonicalEntityRef(v));

/** The kinds that own work: an action on a User or a Location has no home. */
const WORK_KINDS = ['component', 'system', 'resource', 'api', 'group'];

/** The entity an action belongs to: a Component, System, Resource, API or Group. */
export const workEntityRefSchema = entityRefSchema.refine(
  ref => WORK_KINDS.includes(ref.slice(0, ref.indexOf(':'))),
  'must be a Component, System, Resource, API or Group, the kinds that own work',
);

/** A User or Group ref, lower-cased as the catalog compares them. */
export const ownerRefSchema = z
  .string()
  .max(MAX_ENTITY_REF, `must be at most ${MAX_ENTITY_REF} characters`)
  .transform(v => v.trim().toLocaleLowerCase('en-US'))
  .refine(
    v => /^(user|group):[a-z0-9._-]+\/[a-z0-9._-]+$/.test(v),
    'must be a User or Group ref such as group:default/payments',
  );

/** A calendar date without a time: `2026-12-01`. */
export const localDateSchema = z
  .string()
  .refine(
    v => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
    'must be a date such as 2026-12-01',
  );

/** The id of an incident or an action. */
export const numericIdSchema = z
  .string()
  .regex(/^\d{1,12}$/, 'must be a numeric id');

/** The `:id` path parameter of incidents and actions. */
export const numericIdPathSchema = z.object({ id: numericIdSchema });
