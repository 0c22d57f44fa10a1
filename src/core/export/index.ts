/** Diagram-as-code exports of a SchemaModel: Mermaid erDiagram and DBML (pure text). */
export { toMermaid, mermaidString, mermaidWord, mermaidType } from './mermaid';
export { toDbml, dbmlIdent, dbmlString } from './dbml';
export { selectForExport, type ExportSelection } from './select';
