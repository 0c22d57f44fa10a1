/** Corrective migrations: plan (plan.ts), render (render.ts), prove (run.ts). */
export { planFix, STRUCTURAL_FIXERS, FOLLOW_UP_FIXERS } from './plan';
export { renderSql, renderAlembic, renderStatement, fixTextByDivergence, WAIVER_SQL, WAIVER_PY, WAIVER_PLACEHOLDER } from './render';
export { runFix, proveFix, cloneFactory, type FixRun, type FixOptions, type FixProof, type ProveInput } from './run';
export type { FixPlan, FixStatement, FixVerification, Hazard, HazardType, Phase, Unfixed } from './types';
