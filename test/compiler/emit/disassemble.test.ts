import { describe, expect, it } from 'vitest';
import { disassemble } from '../../../compiler/emit/disassemble.js';
import { encodeBundle } from '../../../compiler/emit/encode.js';
import { BundleError } from '../../../runtime/bundle-error.js';
import { sampleIr } from '../../runtime/fixtures/sample-ir.js';

const GOLDEN = `ramc bundle format 2.0, 2248 bytes, checksum 0xfe3dc2a0, ir v1
sections
  META                 at 192, 16 bytes
  STRINGS              at 208, 739 bytes
  POLICIES             at 952, 40 bytes
  STATEMENTS           at 992, 316 bytes
  CONDITIONS           at 1312, 228 bytes
  LISTS                at 1544, 236 bytes
  NUMBERS              at 1784, 32 bytes
  IP_BLOCKS            at 1816, 52 bytes
  PRINCIPALS           at 1872, 112 bytes
  ACCESS_KEYS          at 1984, 28 bytes
  SETS                 at 2016, 76 bytes
  ACTIONS              at 2096, 28 bytes
  CANDIDATES           at 2128, 100 bytes
  RESOURCE_GROUP_SETS  at 2232, 12 bytes
account "123456789012"
sts public key none
strings 51
policies
  p0 Custom "KmsCrypto" version "v1"
  p1 System "AliyunKMSReadOnlyAccess" version "v1"
  p2 Trust "app" version -
statements
  s0 p0[0] Allow sid "AllowCrypto" at "policies/p0.json":3:5
    Action "kms:decrypt" "kms:encrypt"
    Resource "acs:kms:*:123456789012:key/*"
    IpAddress "acs:sourceip" "10.0.0.0/8" "2001:db8::/32" => 10.0.0.0/8 2001:db8::/32
    StringEqualsIgnoreCase "kms:tag/project" "Apollo" => "apollo"
  s1 p0[1] Deny at "policies/p0.json":9:5
    Action "kms:*"
    Resource "*"
    Bool "acs:securetransport" "false" => false
  s2 p0[2] Deny at "policies/p0.json":15:5
    NotAction "kms:list*" "kms:describe*"
    NotResource "acs:kms:cn-hangzhou:*"
    DateGreaterThan "acs:currenttime" "2030-01-01T00:00:00Z" => 2030-01-01T00:00:00.000Z
  s3 p1[0] Allow at "<system>":3:5
    Action "kms:list*" "kms:describe*"
    Resource "*"
  s4 p0[3] Allow at "policies/p0.json":21:5
    Action "kms:generatedatakey"
    Resource "*"
    NumericLessThan "acme:count" "5" "1e3" => 5 1000
    StringLike "acs:sourcevpc" "vpc-*" => "vpc-*"
    StringNotEquals "acs:accessid" "k1" "k2" "k3" "k4" "k5" "k6" "k7" "k8" => "k1" "k2" "k3" "k4" "k5" "k6" "k7" "k8" (hashed)
  s5 p2[0] Allow at "policies/p2.json":3:5
    Action "sts:assumerole"
principals
  0 user "alice" account #0
    group "rg-a" #1
  1 role "app" max 3600 account #2
    trust [s5]
  2 role "AliyunServiceRoleForKMSKeyStore" max 3600 linked "keystore.kms.aliyuncs.com" account #2
access keys
  "LTAIalice01" principal 0 Active
  "LTAIalice02" principal 0 Inactive
actions
  a0 "kms:decrypt"
  a1 "kms:describekey"
  a2 "kms:encrypt"
  a3 "kms:generatedatakey"
  a4 "kms:listkeys"
  a5 "sts:assumerole"
sets
  #0 [s0 s1 s2 s3]
    a0 a2 [s0 s1 s2]
    a1 a4 [s1 s3]
    a3 [s1 s2]
    a5 [s2]
    other [s1 s2 s3]
  #1 [s4]
    a3 [s4]
    other []
  #2 []
    other []
`;

describe('disassemble', () => {
  it('lists the sample bundle (golden)', () => {
    expect(disassemble(encodeBundle(sampleIr()))).toBe(GOLDEN);
  });

  it('refuses bytes that are not a valid bundle, with the load error', () => {
    const bytes = encodeBundle(sampleIr());
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    expect(() => disassemble(bytes)).toThrow(BundleError);
    expect(() => disassemble(new TextEncoder().encode('{"not":"a bundle"}'))).toThrow(
      /not a ramc decision bundle/,
    );
  });
});
