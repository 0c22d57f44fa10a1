/** The data dictionary, the onboarding tour and rule help: pure, no DOM. */
export * from './types';
export { parseAllowedValues, type AllowedValues } from './check-values';
export { buildDictionary } from './build';
export { dictionaryToMarkdown, markdownSlug } from './markdown';
export { filterDictionary, divergencesByObject, unplacedDivergences, entryForObject, type DictionaryFilter, type FilteredEntry } from './search';
export { parseTour, stepHash, describeObject, type Tour, type TourStep, type ObjectFact } from './tour';
export { generateTour, foreignKeyOrder, tourFits } from './generated-tour';
export { parseBlocks, parseInline, type Block, type Span } from './text-blocks';
export { RULE_HELP, DIVERGENCE_HELP, RLS_SCENARIO_HELP, RLS_SCENARIO_IDS, ruleHelp, type RuleHelp, type RlsScenarioId } from './rule-help';
