/**
 * The binary decision bundle: the one source of truth for its layout, shared by the compiler's encoder,
 * the TS runtime and the AssemblyScript runtime. Only integer constants and comments live here, so that
 * AssemblyScript can compile this file unchanged. docs/bundle-format.md draws the layout out.
 *
 * General rules
 * - Every number is little-endian. A "word" is 4 bytes. Words are unsigned unless a field says i32,
 *   in which case NONE (-1, stored as 0xFFFFFFFF) means "absent".
 * - A "list" field is a pair of words (start, count) naming `count` consecutive words of the LISTS
 *   section starting at word `start`. A "range" is the same pair naming records of another section.
 * - Every offset, count and index is checked at load; a bundle that fails any check is rejected whole.
 */

// ---------------------------------------------------------------------------------------------------
// Header (HEADER_BYTES bytes at offset 0)
//   0  u32 MAGIC               the bytes "RAMC"
//   4  u16 major version       FORMAT_MAJOR; a runtime reads only bundles of its own major version
//   6  u16 minor version       a newer minor only adds sections, which older runtimes skip
//   8  u32 total length        of the whole bundle in bytes, header included
//  12  u32 checksum            FNV-1a (32-bit), a step per little-endian word, of every word but this one
//  16  u32 section count       entries in the section table (at most MAX_SECTIONS)
//  20  u32 reserved            0
//  24  section table           section count × SECTION_ENTRY_BYTES: u32 id, u32 offset, u32 byte length
// Sections follow, each starting at a multiple of SECTION_ALIGN bytes, in any order, without overlap;
// padding bytes are zero. Each id from 1 to SECTION_ID_LIMIT - 1 must appear exactly once; ids at or
// above SECTION_ID_LIMIT belong to later minor versions and are skipped.
// ---------------------------------------------------------------------------------------------------

/** "RAMC" read as a little-endian u32. */
export const MAGIC = 0x434d4152;
export const FORMAT_MAJOR = 2;
export const FORMAT_MINOR = 0;

export const HEADER_BYTES = 24;
export const HEADER_MAGIC = 0;
export const HEADER_MAJOR = 4;
export const HEADER_MINOR = 6;
export const HEADER_TOTAL_LENGTH = 8;
export const HEADER_CHECKSUM = 12;
export const HEADER_SECTION_COUNT = 16;
export const HEADER_RESERVED = 20;

export const SECTION_ENTRY_BYTES = 12;
export const SECTION_ALIGN = 8;

/** FNV-1a 32-bit offset basis and prime (the checksum). */
export const FNV_OFFSET_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** "Absent" in an i32 field. */
export const NONE = -1;

// ---------------------------------------------------------------------------------------------------
// Sections. Unless noted a section is: u32 count, then count records of the given number of words.
// Its byte length is exactly 4 + count × record words × 4.
// ---------------------------------------------------------------------------------------------------

/** META: one record: irVersion, account (string), STS public key PEM (string, i32). */
export const SECTION_META = 1;
export const META_WORDS = 3;
export const META_IR_VERSION = 0;
export const META_ACCOUNT = 1;
export const META_STS_PUBLIC_KEY = 2;

/**
 * STRINGS: u32 count, then count + 1 u32 byte offsets into the blob (the first is 0, each is at least
 * the one before, the last is the blob length), then the blob: the strings in UTF-8, back to back.
 * String i is blob[offset i .. offset i+1). Invalid UTF-8 is rejected.
 */
export const SECTION_STRINGS = 2;

/** POLICIES: name (string), type (POLICY_TYPE_*), version (string, i32). */
export const SECTION_POLICIES = 3;
export const POLICY_WORDS = 3;
export const POLICY_NAME = 0;
export const POLICY_TYPE = 1;
export const POLICY_VERSION = 2;

/**
 * STATEMENTS: policy (index), index in the policy's Statement array, sid (string, i32), flags
 * (STATEMENT_FLAG_*), actions (list of strings), resources (list of strings), conditions (range of
 * CONDITIONS), origin file (string), origin line, origin column.
 */
export const SECTION_STATEMENTS = 4;
export const STATEMENT_WORDS = 13;
export const STATEMENT_POLICY = 0;
export const STATEMENT_INDEX = 1;
export const STATEMENT_SID = 2;
export const STATEMENT_FLAGS = 3;
export const STATEMENT_ACTIONS_START = 4;
export const STATEMENT_ACTIONS_COUNT = 5;
export const STATEMENT_RESOURCES_START = 6;
export const STATEMENT_RESOURCES_COUNT = 7;
export const STATEMENT_CONDITIONS_START = 8;
export const STATEMENT_CONDITIONS_COUNT = 9;
export const STATEMENT_ORIGIN_FILE = 10;
export const STATEMENT_ORIGIN_LINE = 11;
export const STATEMENT_ORIGIN_COLUMN = 12;

export const STATEMENT_FLAG_DENY = 1;
export const STATEMENT_FLAG_NOT_ACTION = 2;
export const STATEMENT_FLAG_NOT_RESOURCE = 4;
export const STATEMENT_FLAGS_ALL = 7;

/**
 * CONDITIONS: operator (OP_*), key (string, lower-cased), values as written (list of strings),
 * constant kind (CONST_*), constant flags (CONST_FLAG_*), constants (start, count):
 * - CONST_STRING: a list of strings (IgnoreCase operators: lower-cased);
 * - CONST_NUMBER: a range of NUMBERS (numeric: the double; date: epoch milliseconds);
 * - CONST_BOOL: a list of words, 0 or 1;
 * - CONST_IP: a range of IP_BLOCKS.
 * The constant kind must be the one of the operator's family.
 */
export const SECTION_CONDITIONS = 5;
export const CONDITION_WORDS = 8;
export const CONDITION_OPERATOR = 0;
export const CONDITION_KEY = 1;
export const CONDITION_VALUES_START = 2;
export const CONDITION_VALUES_COUNT = 3;
export const CONDITION_CONST_KIND = 4;
export const CONDITION_CONST_FLAGS = 5;
export const CONDITION_CONST_START = 6;
export const CONDITION_CONST_COUNT = 7;

export const CONST_STRING = 1;
export const CONST_NUMBER = 2;
export const CONST_BOOL = 3;
export const CONST_IP = 4;
/** On CONST_STRING: the values are many enough to be worth a hash set. */
export const CONST_FLAG_LOOKUP = 1;

/** LISTS: u32 count, then count words, the pool every list field points into. */
export const SECTION_LISTS = 6;

/** NUMBERS: u32 count, u32 zero (padding), then count IEEE-754 doubles (8-byte aligned). */
export const SECTION_NUMBERS = 7;
export const NUMBERS_HEADER_BYTES = 8;

/**
 * IP_BLOCKS: family (4 or 6), prefix length, then the network address as four big-endian-ordered
 * u32 words (most significant first; IPv4 in word 0, the rest 0). Host bits are zero.
 */
export const SECTION_IP_BLOCKS = 8;
export const IP_BLOCK_WORDS = 6;
export const IP_BLOCK_FAMILY = 0;
export const IP_BLOCK_PREFIX = 1;
export const IP_BLOCK_WORD0 = 2;

/**
 * PRINCIPALS: kind (PRINCIPAL_*), name (string), linked service (string, i32), max session duration,
 * account-scope set (index into SETS, i32), resource-group sets (range of RESOURCE_GROUP_SETS, sorted
 * by the group's string), trust statements (list of statement indexes).
 */
export const SECTION_PRINCIPALS = 9;
export const PRINCIPAL_WORDS = 9;
export const PRINCIPAL_KIND = 0;
export const PRINCIPAL_NAME = 1;
export const PRINCIPAL_LINKED_SERVICE = 2;
export const PRINCIPAL_MAX_SESSION = 3;
export const PRINCIPAL_ACCOUNT_SET = 4;
export const PRINCIPAL_GROUP_SETS_START = 5;
export const PRINCIPAL_GROUP_SETS_COUNT = 6;
export const PRINCIPAL_TRUST_START = 7;
export const PRINCIPAL_TRUST_COUNT = 8;

export const PRINCIPAL_USER = 0;
export const PRINCIPAL_ROLE = 1;

/** ACCESS_KEYS: id (string), principal (index; always a user), active (0 or 1). */
export const SECTION_ACCESS_KEYS = 10;
export const ACCESS_KEY_WORDS = 3;
export const ACCESS_KEY_ID = 0;
export const ACCESS_KEY_PRINCIPAL = 1;
export const ACCESS_KEY_ACTIVE = 2;

/**
 * SETS: statements (list of statement indexes, ascending), action candidates (range of CANDIDATES,
 * runs sorted by action), other candidates (list of statement indexes: the statements that can match an
 * action missing from ACTIONS).
 */
export const SECTION_SETS = 11;
export const SET_WORDS = 6;
export const SET_STATEMENTS_START = 0;
export const SET_STATEMENTS_COUNT = 1;
export const SET_CANDIDATES_START = 2;
export const SET_CANDIDATES_COUNT = 3;
export const SET_OTHER_START = 4;
export const SET_OTHER_COUNT = 5;

/** ACTIONS: u32 count, then count strings: every known action, lower-cased, sorted, unique. */
export const SECTION_ACTIONS = 12;

/**
 * CANDIDATES: action (index into ACTIONS), statements (list of statement indexes, ascending). A set's rows,
 * strictly ascending by action, cut the known actions into runs: a row's list holds exactly the statements
 * of the set whose action patterns match its action and every following action before the next row's (or
 * to the last known action). Actions before the first row have no candidates; a run of actions with none
 * after one with some is a row with an empty list. (Format 1 had one row per action with candidates.)
 */
export const SECTION_CANDIDATES = 13;
export const CANDIDATE_WORDS = 3;
export const CANDIDATE_ACTION = 0;
export const CANDIDATE_START = 1;
export const CANDIDATE_COUNT = 2;

/** RESOURCE_GROUP_SETS: resource group (string), set (index into SETS). */
export const SECTION_RESOURCE_GROUP_SETS = 14;
export const GROUP_SET_WORDS = 2;
export const GROUP_SET_GROUP = 0;
export const GROUP_SET_SET = 1;

/** One past the highest section id this version knows; every id below it is required. */
export const SECTION_ID_LIMIT = 15;

// ---------------------------------------------------------------------------------------------------
// Enumerations stored in records
// ---------------------------------------------------------------------------------------------------

export const POLICY_TYPE_SYSTEM = 0;
export const POLICY_TYPE_CUSTOM = 1;
export const POLICY_TYPE_SESSION = 2;
export const POLICY_TYPE_TRUST = 3;

/** Condition operators, in the order of semantics §4.1. */
export const OP_STRING_EQUALS = 1;
export const OP_STRING_NOT_EQUALS = 2;
export const OP_STRING_EQUALS_IGNORE_CASE = 3;
export const OP_STRING_NOT_EQUALS_IGNORE_CASE = 4;
export const OP_STRING_LIKE = 5;
export const OP_STRING_NOT_LIKE = 6;
export const OP_NUMERIC_EQUALS = 7;
export const OP_NUMERIC_NOT_EQUALS = 8;
export const OP_NUMERIC_LESS_THAN = 9;
export const OP_NUMERIC_LESS_THAN_EQUALS = 10;
export const OP_NUMERIC_GREATER_THAN = 11;
export const OP_NUMERIC_GREATER_THAN_EQUALS = 12;
export const OP_DATE_EQUALS = 13;
export const OP_DATE_NOT_EQUALS = 14;
export const OP_DATE_LESS_THAN = 15;
export const OP_DATE_LESS_THAN_EQUALS = 16;
export const OP_DATE_GREATER_THAN = 17;
export const OP_DATE_GREATER_THAN_EQUALS = 18;
export const OP_BOOL = 19;
export const OP_IP_ADDRESS = 20;
export const OP_NOT_IP_ADDRESS = 21;
/** Operators are 1..OP_LIMIT-1. */
export const OP_LIMIT = 22;

/** Decision kinds, as an evaluator returns them. */
export const DECISION_IMPLICIT_DENY = 0;
export const DECISION_ALLOW = 1;
export const DECISION_EXPLICIT_DENY = 2;

// ---------------------------------------------------------------------------------------------------
// Load status codes: why a bundle was rejected (0 = accepted)
// ---------------------------------------------------------------------------------------------------

export const STATUS_OK = 0;
/** Shorter than its header or than the total length it declares. */
export const STATUS_TRUNCATED = 1;
/** Does not start with MAGIC: not a bundle. */
export const STATUS_NOT_A_BUNDLE = 2;
/** Another major version. */
export const STATUS_UNSUPPORTED_VERSION = 3;
/** Longer than the total length it declares. */
export const STATUS_LENGTH_MISMATCH = 4;
/** The checksum does not match the bytes. */
export const STATUS_CHECKSUM_MISMATCH = 5;
/** Larger than a documented maximum. */
export const STATUS_TOO_LARGE = 6;
/** The checksum matches but the content breaks a rule (never produced by a correct encoder). */
export const STATUS_MALFORMED = 7;

// ---------------------------------------------------------------------------------------------------
// Maximum sizes (a bundle beyond any of them is rejected with STATUS_TOO_LARGE)
// ---------------------------------------------------------------------------------------------------

/** Whole bundle: 64 MiB. */
export const MAX_BUNDLE_BYTES = 67108864;
/** Entries in the section table. */
export const MAX_SECTIONS = 64;
/** Records (or words, or strings) in one section: 2^22. */
export const MAX_SECTION_COUNT = 4194304;
/** One string, in UTF-8 bytes: 64 KiB. */
export const MAX_STRING_BYTES = 65536;
