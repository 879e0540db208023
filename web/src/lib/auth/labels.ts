/** Names of roles, scopes and audit actions in the current language. */
import type { Role, ScopeView } from '$protocol';
import { isMessageKey, t } from '$lib/i18n/i18n.svelte.ts';

export const roleLabel = (r: Role | string): string => {
  const key = `role.${r}`;
  return isMessageKey(key) ? t(key) : r;
};

export const rolesLabel = (roles: readonly string[]): string => roles.map(roleLabel).join(', ');

export function scopeLabel(s: ScopeView): string {
  if (s.kind === 'all') return t('scope.all');
  if (s.kind === 'region') return t('scope.region', { region: s.region });
  return t('scope.venue', { name: s.venueName });
}

/** Known audit actions are worded; anything else shows its raw name. */
export const actionLabel = (action: string): string => {
  const key = `action.${action}`;
  return isMessageKey(key) ? t(key) : action;
};
