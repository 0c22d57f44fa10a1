/**
 * Every lint rule, in report order. Adding a rule = a file in rules/, a line here, a fixture
 * folder in fixtures/lint/<id>/ and its docs page (test/lint/docs.test.ts regenerates it).
 */
import { rule as banAddNotNullWithoutDefault } from './rules/ban_add_not_null_without_default';
import { rule as banAlterDomainWithAddConstraint } from './rules/ban_alter_domain_with_add_constraint';
import { rule as banCharField } from './rules/ban_char_field';
import { rule as banColumnTypeChange } from './rules/ban_column_type_change';
import { rule as banConcurrentIndexInTransaction } from './rules/ban_concurrent_index_in_transaction';
import { rule as banCreateDomainWithConstraint } from './rules/ban_create_domain_with_constraint';
import { rule as banDestructiveStatement } from './rules/ban_destructive_statement';
import { rule as banDropDatabase } from './rules/ban_drop_database';
import { rule as banGenericColumnName } from './rules/ban_generic_column_name';
import { rule as banHardcodedCredentials } from './rules/ban_hardcoded_credentials';
import { rule as banLongIdentifier } from './rules/ban_long_identifier';
import { rule as banRenameColumn } from './rules/ban_rename_column';
import { rule as banRenameTable } from './rules/ban_rename_table';
import { rule as banTruncateCascade } from './rules/ban_truncate_cascade';
import { rule as banTypeNarrowing } from './rules/ban_type_narrowing';
import { rule as banUncommittedTransaction } from './rules/ban_uncommitted_transaction';
import { rule as banVolatileDefault } from './rules/ban_volatile_default';
import { rule as preferBigintOverInt } from './rules/prefer_bigint_over_int';
import { rule as preferBigintOverSmallint } from './rules/prefer_bigint_over_smallint';
import { rule as preferIdentity } from './rules/prefer_identity';
import { rule as preferRobustStmts } from './rules/prefer_robust_stmts';
import { rule as preferTextField } from './rules/prefer_text_field';
import { rule as preferTimestamptz } from './rules/prefer_timestamptz';
import { rule as requireChannelValidation } from './rules/require_channel_validation';
import { rule as requireConcurrentIndex } from './rules/require_concurrent_index';
import { rule as requireConcurrentIndexDeletion } from './rules/require_concurrent_index_deletion';
import { rule as requireConcurrentPartitionDetach } from './rules/require_concurrent_partition_detach';
import { rule as requireConcurrentReindex } from './rules/require_concurrent_reindex';
import { rule as requireContractNotNull } from './rules/require_contract_not_null';
import { rule as requireFkIndex } from './rules/require_fk_index';
import { rule as requireIntegerMoney } from './rules/require_integer_money';
import { rule as requireLockTimeout } from './rules/require_lock_timeout';
import { rule as requireNotValid } from './rules/require_not_valid';
import { rule as requirePrimaryKey } from './rules/require_primary_key';
import { rule as requireRatioBounds } from './rules/require_ratio_bounds';
import { rule as requireTableComment } from './rules/require_table_comment';
import { rule as requireTenantFk } from './rules/require_tenant_fk';
import { rule as requireTenantRls } from './rules/require_tenant_rls';
import { rule as requireTimeSeriesIndex } from './rules/require_time_series_index';
import { rule as requireUniqueUsingIndex } from './rules/require_unique_using_index';
import { rule as requireWaiverReason } from './rules/require_waiver_reason';
import { rule as syntaxError } from './rules/syntax_error';
import { rule as transactionNesting } from './rules/transaction_nesting';
import type { LintRule } from './types';

export const SYNTAX_ERROR = syntaxError;
export const WAIVER_REASON = requireWaiverReason;

export const RULES: readonly LintRule[] = [
  // Seed 003 §2.1 (DDL_LINT_RULES.md) and seed 002.
  requireTableComment, banGenericColumnName, requireContractNotNull, requireTenantFk, requireTenantRls,
  requireIntegerMoney, requireTimeSeriesIndex, requireChannelValidation, requireRatioBounds,
  // Destructive changes and migration safety (seed 004 §5, seed 003 §2.2).
  banDestructiveStatement, banTypeNarrowing, banHardcodedCredentials, requireLockTimeout,
  // What a careful reviewer adds (squawk, PostgreSQL's locking docs).
  requireFkIndex, requirePrimaryKey, preferTimestamptz, banLongIdentifier, requireConcurrentIndex,
  banVolatileDefault, requireNotValid, banRenameColumn, banRenameTable, banColumnTypeChange,
  // Transaction blocks and the statements that cannot run in one (squawk).
  banConcurrentIndexInTransaction, transactionNesting, banUncommittedTransaction,
  // Lock-free variants of index and partition maintenance (squawk).
  requireConcurrentIndexDeletion, requireConcurrentReindex, requireConcurrentPartitionDetach,
  // Constraints and columns that lock or fail on a populated table; statements that lose more than they name (squawk).
  requireUniqueUsingIndex, banAddNotNullWithoutDefault, banAlterDomainWithAddConstraint, banCreateDomainWithConstraint,
  banTruncateCascade, banDropDatabase,
  // Column types: char(n) and serial are mistakes; the prefer_* opinions are off unless the overlay turns them on (squawk).
  banCharField, preferIdentity, preferTextField, preferBigintOverInt, preferBigintOverSmallint,
  // Re-runnable migrations outside a transaction block (squawk; off by default).
  preferRobustStmts,
  // Emitted by the engine itself.
  syntaxError, requireWaiverReason,
];

export const RULES_BY_ID: ReadonlyMap<string, LintRule> = new Map(RULES.map((r) => [r.id, r]));
