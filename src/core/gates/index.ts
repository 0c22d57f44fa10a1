export { decideGates, countBySeverity } from './decide';
export { exitCodeOf, scopedEvidence, worstExitCode, type ExitCode, type ScopedEvidence } from './exit-code';
export { phaseScope, phaseLabel, transitivePrerequisites, regressionOf, type PhaseScope } from './scope';
export { elementTable, phaseEvidence, rlsKey, smokeKey } from './evidence';
export { migrationEvidence, migrationGate, type MigrationEvidence } from './migrations';
