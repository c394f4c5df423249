/** What every policy answers: allow, or deny with a reason worth logging. */
export type Decision = { readonly allow: true } | { readonly allow: false; readonly reason: string };

export const ALLOW: Decision = Object.freeze({ allow: true });

export function deny(reason: string): Decision {
  return { allow: false, reason };
}
