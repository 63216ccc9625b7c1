import { z } from 'zod';
import { samePersonName } from '../engine/names';

/** The three sign-off roles, in the order they must sign. */
export const SignRole = z.enum(['compiler', 'responsible-officer', 'head-of-service']);
export type SignRole = z.infer<typeof SignRole>;

export const SIGN_ROLES: readonly SignRole[] = SignRole.options;

export const ROLE_TITLES: Record<SignRole, string> = {
  compiler: 'Compiler',
  'responsible-officer': 'Responsible officer',
  'head-of-service': 'Head of service',
};

/** The statement each role confirms; recorded word for word in the signature. */
export const ROLE_STATEMENTS: Record<SignRole, string> = {
  compiler:
    'I confirm that the data in this return was gathered from the stated data source and compiled as the indicator definitions require.',
  'responsible-officer':
    'I confirm that the outturn was produced accurately and that the workings were checked by a colleague other than the compiler.',
  'head-of-service': 'I certify that this return is correct and I authorise its submission.',
};

/**
 * The statement a role confirms under a configuration: the organisation's declaration where
 * it configured one, else Outturn's own. The pane shows it and the signature records it, word for word.
 */
export function roleStatement(role: SignRole, declarations?: Partial<Record<SignRole, string>>): string {
  return declarations?.[role] ?? ROLE_STATEMENTS[role];
}

/** 'the compiler', 'the responsible officer', 'the head of service': for sentences. */
export function roleInSentence(role: SignRole): string {
  return `the ${ROLE_TITLES[role].toLowerCase()}`;
}

/**
 * Who acted: the account verified by Microsoft Entra ID (an ID token through nested app
 * authentication), else the Office account as Office reports it, else the name typed.
 */
export const Identity = z.object({
  name: z.string().min(1),
  /** User principal name of the signed-in account, when known. */
  upn: z.string().optional(),
  /** Entra ID object id (oid claim) and tenant id (tid), when verified by Entra ID. */
  oid: z.string().optional(),
  tid: z.string().optional(),
  source: z.enum(['office-account', 'typed', 'entra-id']),
});
export type Identity = z.infer<typeof Identity>;

/**
 * The same person: the same account; where both are known Office accounts, only the
 * same account (a name typed on another account is not that person); else the same name
 * as names.ts's samePersonName tells it (the one person-matching rule), with the names the
 * grid assigns to tell apart colleagues who share an initial and a surname.
 */
export function samePerson(a: Identity, b: Identity, gridNames: readonly string[] = []): boolean {
  // An Entra ID object id is the strongest evidence: it survives a changed name or UPN.
  if (a.oid && b.oid) return a.oid === b.oid;
  if (a.upn && b.upn) return a.upn.toLowerCase() === b.upn.toLowerCase();
  return samePersonName(a.name, b.name, gridNames);
}
