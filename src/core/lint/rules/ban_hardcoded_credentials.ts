import { as, type AstNode } from '../ast';
import type { LintRule, RuleReport } from '../types';

/** A connection URI with a password (`postgres://user:secret@host`) or a libpq `password=` keyword. */
export function credentialIn(text: string): string | null {
  const uri = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:([^\s@'"]+)@/i.exec(text);
  if (uri && !/^(\$|\{|<|\*+$|%)/.test(uri[1])) return 'a connection URI with a password';
  const kw = /(?:^|[\s;'"])password\s*=\s*(?!['"]?\s*(?:\$|\{|<|%))\S/i.exec(text);
  return kw ? 'a `password=` connection keyword' : null;
}

/** `PASSWORD '…'` in role options, `password '…'` in user mapping / server options. */
function passwordOption(options: AstNode[] | undefined): boolean {
  return (options ?? []).some((o) => {
    const d = as(o, 'DefElem');
    if (!d || d.defname?.toLowerCase() !== 'password') return false;
    return as(d.arg, 'String') !== null || as(d.arg, 'A_Const')?.sval !== undefined;
  });
}

/**
 * Hard-coded credentials (seed 003 §2.2, gate 2.2.8): a role created with a literal password, a
 * user mapping / foreign server with one, or a string holding a connection URI with a password.
 * Migrations are committed and printed in CI logs; secrets belong in the environment.
 */
export const rule: LintRule = {
  id: 'ban_hardcoded_credentials',
  description: 'No passwords or connection strings with credentials in migrations.',
  severity: 'error',
  source: 'seed 003 §2.2 gate 2.2.8 (no hardcoded credentials; use DATABASE_URL)',
  help: 'Take secrets from the environment (DATABASE_URL, a secret manager); create roles without PASSWORD and set it out of band.',
  problem: 'A password in a migration is committed to the repository, copied into every environment\'s history and printed in CI logs; rotating it means rewriting history.',
  solution: 'Create roles `WITH LOGIN` but no password and set it from the deployment\'s secret store; build connection strings from environment variables.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const s of ctx.statements) {
      const n = s.node;
      const role = n.CreateRoleStmt ?? n.AlterRoleStmt;
      const mapping = n.CreateUserMappingStmt ?? n.AlterUserMappingStmt ?? n.CreateForeignServerStmt ?? n.AlterForeignServerStmt;
      if (role && passwordOption(role.options)) {
        const name = typeof role.role === 'string' ? role.role : (role.role?.RoleSpec?.rolename ?? role.role?.rolename ?? '');
        out.push({ statement: s, message: `role ${name} gets a literal PASSWORD` });
        continue;
      }
      if (mapping && passwordOption(mapping.options)) {
        out.push({ statement: s, message: 'user mapping / server options hold a literal password' });
        continue;
      }
      for (const t of s.tokens) {
        if (t.kind !== 'SCONST' && t.kind !== 'USCONST') continue;
        const what = credentialIn(t.text);
        if (what) {
          out.push({ statement: s, offset: t.start, message: `string literal holds ${what}` });
          break;
        }
      }
    }
    return out;
  },
};
