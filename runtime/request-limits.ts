/**
 * The documented bounds of one request (semantics §9: the runtime rejects a request that exceeds its
 * bounds instead of slowing down). Exceeding any of them is `InvalidRequest`. docs/semantics.md lists them.
 */
export const REQUEST_LIMITS = {
  /** Longest string value or member name anywhere in a request, in UTF-16 code units. */
  maxStringLength: 2_048,
  /**
   * Longest `securityToken`. A token carries its session policy (at most 2,048 characters) twice: as text and
   * compiled (docs/sts.md). The largest valid policies (astral characters under an IgnoreCase operator) make
   * tokens of about 33,000 characters; the issuer refuses to mint a longer token than this.
   */
  maxSecurityTokenLength: 49_152,
  /** Most entries in `resourceTags`. */
  maxResourceTags: 64,
  /** Most keys in `context`. */
  maxContextKeys: 64,
  /** Most members in `parameters` of an operation request. */
  maxParameters: 64,
  /** Most items in one array value of `parameters` (BatchGetSecretValue reads up to 100 secrets). */
  maxParameterItems: 100,
  /** Longest string value in `parameters` (room for a `SecretNameList` of 100 names). */
  maxParameterStringLength: 16_384,
  /** Total length of every string and member name of the request together. */
  maxTotalLength: 65_536,
} as const;
