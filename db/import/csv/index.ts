export { importCsv } from "./import.ts";
export type { ImportCsvOptions, ImportCsvResult } from "./import.ts";
export { loadMapping, parseMapping } from "./load-mapping.ts";
export { MappingError } from "./errors.ts";
export { IMPORT_TABLES, BAG_TYPES, mappingSchema } from "./schema.ts";
export type { Mapping, MappingInput, FieldSpec, OutcomeSpec, ImportTable, BagType } from "./schema.ts";
export { DATE_FORMATS } from "./timestamps.ts";
export type { DateFormat } from "./timestamps.ts";
