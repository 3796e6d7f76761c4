/**
 * The binary interface of the WebAssembly decision core (assembly/): the request a host writes into the
 * core's request buffer, and the result the core writes back. Only integer constants and comments live
 * here, so that AssemblyScript compiles this file unchanged; the host glue (runtime/wasm-*.ts) and the
 * core both import it. docs/wasm.md draws the layout out for hosts written in other languages.
 *
 * General rules
 * - Little-endian. A "word" is 4 bytes; i32 words use NONE (-1) for "absent" (runtime/format.ts).
 * - A "string" field is a pair of words: the byte offset of its first code unit from the start of the
 *   request (even), and its length in UTF-16 code units. Strings are UTF-16LE, exactly the JavaScript
 *   string, so `?` matches one code unit and ordering is by code unit, as in the TS runtime.
 * - Every offset, count and index of a request is checked by the core before it is read; a request that
 *   breaks a rule gets a non-zero RESULT_STATUS and no decision (the host treats it as a bug).
 */

/** ABI version: the host refuses a core of another major, and needs at least its own minor. */
export const ABI_MAJOR = 1;
export const ABI_MINOR = 0;

// ---------------------------------------------------------------------------------------------------
// Exports of the core (all take and return i32):
//   abiVersion()               (ABI_MAJOR << 16) | ABI_MINOR
//   reserveBundle(bytes)       pointer to a buffer of `bytes` bytes for the bundle, 0 when out of memory
//   loadBundle(bytes)          checks and indexes the bundle written there: a load status (below)
//   reserveSession(bytes)      like reserveBundle, for a session-policy bundle (needs a loaded bundle)
//   loadSession(bytes)         a load status; bytes = 0 forgets the session bundle
//   reserveRequest(bytes)      pointer to the request buffer (at least `bytes` long), 0 when out of memory
//   decide()                   decides the request in the buffer; returns the pointer of the result
// Pointers stay valid until the next reserve*/load* call; memory may grow, so views must be refreshed.
// ---------------------------------------------------------------------------------------------------

/**
 * Load statuses: the STATUS_* codes of runtime/format.ts (the same checks as the TS runtime, in the same
 * order), plus these, which only the core returns.
 */
export const LOAD_OUT_OF_MEMORY = 100;
/** loadSession before a bundle was loaded, or a length larger than the reserved buffer. */
export const LOAD_BAD_CALL = 101;

// ---------------------------------------------------------------------------------------------------
// Request (written by the host into the buffer of reserveRequest)
//   0  u32 total bytes            of the whole request, at most the reserved size
//   4  u32 flags                  REQUEST_FLAG_*
//   8  i32 account set            SETS index of the caller's account-scope set, or NONE
//  12  i32 group set              SETS index of the caller's set for the request's resource group, or NONE
//  16  i32 session set            with REQUEST_FLAG_SESSION: the SETS index of the session policy in the
//                                 session bundle (loadSession), NONE for an empty set; else NONE
//  20  u32 check count, 24 u32 checks offset     CHECK records: the (action, resource) pairs to decide
//  28  u32 tag count,   32 u32 tags offset       ENTRY records: resourceTags (key = tag key)
//  36  u32 context count, 40 u32 context offset  ENTRY records: context keys
//  44  u32 reserved 0
// Records start at a multiple of 8 bytes. The core decides each check in order; all share the caller,
// tags and context. Keys are lower-cased, unique within their list.
// ---------------------------------------------------------------------------------------------------

export const REQUEST_HEADER_BYTES = 48;
export const REQUEST_TOTAL = 0;
export const REQUEST_FLAGS = 4;
export const REQUEST_ACCOUNT_SET = 8;
export const REQUEST_GROUP_SET = 12;
export const REQUEST_SESSION_SET = 16;
export const REQUEST_CHECK_COUNT = 20;
export const REQUEST_CHECKS = 24;
export const REQUEST_TAG_COUNT = 28;
export const REQUEST_TAGS = 32;
export const REQUEST_CONTEXT_COUNT = 36;
export const REQUEST_CONTEXT = 40;
export const REQUEST_RESERVED = 44;

/** The caller is the account root (semantics §6.2 step 1): the sets are not read. */
export const REQUEST_FLAG_ROOT = 1;
/** The caller is a role session with a session policy (semantics §6.2 step 3): the session set applies. */
export const REQUEST_FLAG_SESSION = 2;
export const REQUEST_FLAGS_ALL = 3;

/** CHECK: action (string, lower-cased), resource (string: `*` or an ARN). */
export const CHECK_BYTES = 16;
export const CHECK_ACTION = 0;
export const CHECK_RESOURCE = 8;

/**
 * ENTRY: one key and its value, with the value's typed forms computed by the host with the parsers of
 * runtime/values/ (semantics §4.1), each flagged when the value parses:
 *   0  string key         lower-cased
 *   8  string value       as the request gives it, in string form (5 → "5", true → "true")
 *  16  string lower       the value lower-cased with String.prototype.toLowerCase (for IgnoreCase)
 *  24  u32 flags          ENTRY_HAS_* for the forms below that parsed
 *  28  u32 bool           0 or 1 (parseBool)
 *  32  u32 IP family      4 or 6 (parseIpAddress)
 *  36  4 × u32 IP words   most significant first (runtime/values/ip.ts)
 *  52  u32 reserved 0
 *  56  f64 number         parseDecimal
 *  64  f64 date           parseDate, epoch milliseconds
 * A host may leave out a form that no condition of the loaded bundles reads for that key (a typed form:
 * flag off; value or lower: length 0), and the whole entry when no condition reads the key; it must not
 * leave out one that a condition reads, or that condition sees a wrong or unreadable value.
 */
export const ENTRY_BYTES = 72;
export const ENTRY_KEY = 0;
export const ENTRY_VALUE = 8;
export const ENTRY_LOWER = 16;
export const ENTRY_FLAGS = 24;
export const ENTRY_BOOL = 28;
export const ENTRY_IP_FAMILY = 32;
export const ENTRY_IP_WORD0 = 36;
export const ENTRY_RESERVED = 52;
export const ENTRY_NUMBER = 56;
export const ENTRY_DATE = 64;

export const ENTRY_HAS_NUMBER = 1;
export const ENTRY_HAS_DATE = 2;
export const ENTRY_HAS_BOOL = 4;
export const ENTRY_HAS_IP = 8;
export const ENTRY_FLAGS_ALL = 15;

/** Most checks in one request (an operation needs at most about two per resource, 100 resources). */
export const REQUEST_MAX_CHECKS = 1024;
/** Most entries in each of tags and context. */
export const REQUEST_MAX_ENTRIES = 256;
/** Largest request: 4 MiB. */
export const REQUEST_MAX_BYTES = 4194304;

// ---------------------------------------------------------------------------------------------------
// Result (at the pointer decide() returns)
//   0  u32 status        RESULT_OK, or RESULT_BAD_* / RESULT_OUT_OF_MEMORY (then nothing else is written)
//   4  u32 check count   as in the request
//   8  count × CHECK_RESULT records, then the statement-id pool (i32 words)
// A statement id is a STATEMENTS index of the bundle (of the session bundle in the session list);
// -(id + 1) marks a Deny that counted because its condition was indeterminate (semantics §4.4).
// ---------------------------------------------------------------------------------------------------

export const RESULT_HEADER_BYTES = 8;
export const RESULT_STATUS = 0;
export const RESULT_CHECK_COUNT = 4;

/**
 * CHECK_RESULT:
 *   0  u32 decision        DECISION_* of runtime/format.ts
 *   4  u32 step            STEP_*: the step that settled the check
 *   8  u32 deciding start  index into the id pool of the identity statements that decided
 *  12  u32 deciding count
 *  16  u32 deciding scope  STEP_ACCOUNT_SCOPE or STEP_RESOURCE_GROUP_SCOPE: which set they belong to
 *                          (their scope is `account`, or the request's resource group)
 *  20  u32 session start   the session-policy statements that decided (scope `session`)
 *  24  u32 session count
 */
export const CHECK_RESULT_BYTES = 28;
export const CHECK_RESULT_DECISION = 0;
export const CHECK_RESULT_STEP = 4;
export const CHECK_RESULT_DECIDING_START = 8;
export const CHECK_RESULT_DECIDING_COUNT = 12;
export const CHECK_RESULT_DECIDING_SCOPE = 16;
export const CHECK_RESULT_SESSION_START = 20;
export const CHECK_RESULT_SESSION_COUNT = 24;

export const RESULT_OK = 0;
/** decide() before a bundle was loaded. */
export const RESULT_NO_BUNDLE = 1;
/** The request breaks a rule of the layout (an offset, count, index or flag out of range). */
export const RESULT_BAD_REQUEST = 2;
/** REQUEST_FLAG_SESSION without a loaded session bundle, or a session set out of its range. */
export const RESULT_BAD_SESSION = 3;
/** The result did not fit and memory could not grow. */
export const RESULT_OUT_OF_MEMORY = 4;

/** Which step of semantics §6.2 settled a check (runtime/types.ts `DecisionStep`). */
export const STEP_NOT_ACCESS_CONTROLLED = 0;
export const STEP_CROSS_ACCOUNT = 1;
export const STEP_ROOT = 2;
export const STEP_SESSION_POLICY = 3;
export const STEP_ACCOUNT_SCOPE = 4;
export const STEP_RESOURCE_GROUP_SCOPE = 5;
export const STEP_NO_STATEMENT = 6;
