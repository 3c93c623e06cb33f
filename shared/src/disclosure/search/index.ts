// 公开检索: the public search index (jieba tokens in PostgreSQL FTS; Meilisearch when MEILI_URL is set).

export { type Highlight, highlight, snippet } from "./highlight.ts";
export {
  configureMeilisearch,
  type MeiliOptions,
  meiliSearchEngine,
  pushToMeilisearch,
  rebuildMeilisearch,
} from "./meilisearch.ts";
export {
  clearSearchPushes,
  type DrainResult,
  drainSearchPushes,
  meiliSearchMirror,
  pendingSearchPushes,
  queueSearchPush,
  type SearchMirror,
  searchMirrorFor,
} from "./search-mirror.ts";
export {
  type FacetValue,
  facetLabel,
  postgresSearchEngine,
  roughly,
  SEARCH_EXACT_LIMIT,
  SEARCH_PAGE_SIZE,
  SEARCH_SORTS,
  SEARCH_STAGES,
  type SearchEngine,
  type SearchFacets,
  type SearchHit,
  type SearchInput,
  type SearchOptions,
  type SearchResult,
  searchInputSchema,
  searchRecords,
} from "./search-records.ts";
export { type SyncSearchResult, syncSearchEntry } from "./sync-search-entry.ts";
export { createTokenizer, defaultTokenizer, docKey, queryTokens, type Tokenizer, toTsQuery } from "./tokenize.ts";
