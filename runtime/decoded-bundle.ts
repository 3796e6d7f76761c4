/**
 * A bundle after `decodeBundle`: the sections of runtime/format.ts copied into typed arrays, with the same
 * record layouts (record i of a table with W words per record starts at word i × W), plus the decoded
 * string table. Every index in it has been checked, so readers may index without further bounds checks.
 */
export interface DecodedBundle {
  major: number;
  minor: number;
  irVersion: number;
  /** The account id (index into `strings`). */
  account: number;
  /** The STS public key PEM (index into `strings`), or NONE. */
  stsPublicKeyPem: number;
  strings: readonly string[];
  /** POLICY_WORDS per record. */
  policies: Int32Array;
  /** STATEMENT_WORDS per record. */
  statements: Int32Array;
  /** CONDITION_WORDS per record. */
  conditions: Int32Array;
  /** The word pool every list field points into. */
  lists: Int32Array;
  numbers: Float64Array;
  /** IP_BLOCK_WORDS per record; address words are unsigned (read them with `>>> 0`). */
  ipBlocks: Int32Array;
  /** PRINCIPAL_WORDS per record. */
  principals: Int32Array;
  /** ACCESS_KEY_WORDS per record. */
  accessKeys: Int32Array;
  /** SET_WORDS per record. */
  sets: Int32Array;
  /** String indexes of the known actions, sorted by their strings. */
  actions: Int32Array;
  /** CANDIDATE_WORDS per record. */
  candidates: Int32Array;
  /** GROUP_SET_WORDS per record. */
  groupSets: Int32Array;
  /**
   * The longest statement list of any set, candidate row or other list: what evaluation buffers must
   * hold. Found while validating, which reads every such list anyway.
   */
  longestList: number;
}
