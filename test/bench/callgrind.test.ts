import { describe, expect, it } from 'vitest';
import {
  type CallgrindProfile,
  parseCallgrind,
  parsePerfMap,
  perDecision,
  shortName,
  symbolize,
  UNKNOWN_JIT,
  v8Name,
} from '../../bench/report/callgrind.js';

const HEADER = `# callgrind format
version: 1
creator: callgrind-3.19.0
pid: 4242
cmd:  node --perf-basic-prof child.mjs
part: 1

desc: Timerange: Basic block 0 - 100
desc: Trigger: Program termination

positions: line
events: Ir
summary: 1000

`;

const REPO = { paths: [['/work/main/', '']] as const };

/** Self costs by object and name, for comparing without caring about order. */
function selfCosts(profile: CallgrindProfile): Record<string, number> {
  return Object.fromEntries(profile.functions.map((f) => [`${f.object}|${f.name}`, f.self]));
}

describe('parseCallgrind', () => {
  it('reads the header and sums the cost lines of each function', () => {
    const profile = parseCallgrind(`${HEADER}ob=(1) /usr/bin/node
fl=(1) src/a.cc
fn=(1) main
10 5
+2 7
* 1
-1 3
`);
    expect(profile.pid).toBe(4242);
    expect(profile.event).toBe('Ir');
    expect(selfCosts(profile)).toEqual({ '/usr/bin/node|main': 16 });
  });

  it('resolves compressed names defined on fn= and on cfn= lines, per object', () => {
    const profile = parseCallgrind(`${HEADER}ob=(1) /usr/bin/node
fl=(1) a.cc
fn=(1) caller
1 10
cfn=(2) defined-in-a-call
calls=1 5
1 400
fn=(2)
5 30
fn=(1)
2 1
ob=(2) ???
fn=(3) 0x0000000001000010
0 50
ob=(1)
fn=(2)
0 2
`);
    expect(selfCosts(profile)).toEqual({
      '/usr/bin/node|caller': 11,
      '/usr/bin/node|defined-in-a-call': 32,
      '???|0x0000000001000010': 50,
    });
  });

  it('does not count the inclusive cost line after calls= as self cost', () => {
    const profile = parseCallgrind(`${HEADER}fn=(1) outer
1 3
cfn=(2) inner
calls=2 7
1 1000
2 4
cfn=(2)
calls=1 7
3 500
fn=(2)
7 750
`);
    expect(selfCosts(profile)).toEqual({ '|outer': 7, '|inner': 750 });
  });

  it("merges a function's recursion levels ('2 suffixes) into the function", () => {
    const profile = parseCallgrind(`${HEADER}fn=(1) walk
1 10
fn=(2) walk'2
1 5
fn=(3) 0x00000000000000a0'2
0 6
fn=(4) 0x00000000000000a0
0 1
`);
    expect(selfCosts(profile)).toEqual({ '|walk': 15, '|0x00000000000000a0': 7 });
  });

  it('reads Ir among several events and several position columns', () => {
    const profile = parseCallgrind(`${HEADER.replace('positions: line', 'positions: instr line').replace(
      'events: Ir',
      'events: Dr Ir',
    )}fn=(1) f
0x10 1 100 7
+4 * 100 3
+2 2 100
`);
    expect(profile.event).toBe('Ir');
    expect(selfCosts(profile)).toEqual({ '|f': 10 });
  });

  it('sums the events asked for, such as the L1 data-cache misses of a cache simulation', () => {
    const text = `${HEADER.replace('events: Ir', 'events: Ir Dr Dw I1mr D1mr D1mw')}fn=(1) f
3 50 20 5 1 4 2
+1 10 2 0 0 1
fn=(2) g
7 8 1 1 0 0 3
`;
    const misses = parseCallgrind(text, ['D1mr', 'D1mw']);
    expect(misses.event).toBe('D1mr+D1mw');
    expect(selfCosts(misses)).toEqual({ '|f': 7, '|g': 3 });
    expect(selfCosts(parseCallgrind(text))).toEqual({ '|f': 60, '|g': 8 });
    // A profile without the events asked for is read by its first event, and says so.
    const plain = parseCallgrind(`${HEADER}fn=(1) f\n3 9\n`, ['D1mr', 'D1mw']);
    expect(plain.event).toBe('Ir');
    expect(selfCosts(plain)).toEqual({ '|f': 9 });
  });
});

describe('parsePerfMap', () => {
  it('reads hex start and size and keeps names with spaces', () => {
    expect(
      parsePerfMap(
        '1000 20 JS:*decide file:///work/main/dist/runtime/index.js:12:5\n7f00 8 Builtin:ArgumentsAdaptor\n\n',
      ),
    ).toEqual([
      { start: 0x1000, size: 0x20, name: 'JS:*decide file:///work/main/dist/runtime/index.js:12:5' },
      { start: 0x7f00, size: 0x8, name: 'Builtin:ArgumentsAdaptor' },
    ]);
  });
});

describe('v8Name', () => {
  it('shows JS functions with their tier mark and file:line relative to the repository', () => {
    expect(v8Name('JS:*decide file:///work/main/dist/runtime/index.js:12:5', REPO)).toBe(
      '*decide dist/runtime/index.js:12',
    );
    expect(v8Name('JS:~wrappedCwd node:internal/bootstrap/switches:142:20', REPO)).toBe(
      '~wrappedCwd node:internal/bootstrap/switches:142',
    );
    expect(v8Name('JS:^ file:///elsewhere/child.mjs:18:20', REPO)).toBe(
      '^(anonymous) /elsewhere/child.mjs:18',
    );
    expect(v8Name('Script:~ file:///work/main/dist/runtime/format.js:1:1', REPO)).toBe(
      'Script:~ dist/runtime/format.js:1',
    );
    expect(v8Name('Builtin:RecordWriteSaveFP', REPO)).toBe('Builtin:RecordWriteSaveFP');
  });

  it('takes the first path prefix that matches', () => {
    const options = {
      paths: [
        ['/tmp/run-1/', '<tmp>/'],
        ['/tmp/', '/tmp/'],
      ],
    } as const;
    expect(v8Name('JS:*decide file:///tmp/run-1/child.mjs:3:16', options)).toBe('*decide <tmp>/child.mjs:3');
  });
});

describe('symbolize', () => {
  const perfMap = parsePerfMap(
    [
      '1000 100 JS:~decide file:///work/main/dist/runtime/index.js:12:5',
      '2000 100 JS:*evaluate file:///work/main/dist/runtime/evaluate.js:40:1',
      // Code space reused after the first code was freed: the later entry names the address.
      '1000 80 JS:*decide file:///work/main/dist/runtime/index.js:12:5',
    ].join('\n'),
  );

  it('names JIT addresses inside an entry, pooling unknown ones per object', () => {
    const profile = parseCallgrind(`${HEADER}ob=(1) ???
fn=(1) 0x0000000000001010
0 10
fn=(2) 0x00000000000020ff
0 20
fn=(3) 0x0000000000002100
0 1
fn=(4) 0x0000000000009000'2
0 2
fn=(5) 0x00000000000010f0
0 4
ob=(2) /usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30
fn=(6) 0x00000000000a58e0
0 3
ob=(3) /usr/bin/node
fn=(7) Builtins_StringEqual
0 5
`);
    expect(Object.fromEntries(symbolize(profile, perfMap, REPO))).toEqual({
      '*decide dist/runtime/index.js:12': 10,
      '*evaluate dist/runtime/evaluate.js:40': 20,
      // 0x10f0 is past the reused entry's end but inside the older, larger one.
      '~decide dist/runtime/index.js:12': 4,
      [UNKNOWN_JIT]: 3,
      '[unnamed code in libstdc++.so.6.0.30]': 3,
      Builtins_StringEqual: 5,
    });
  });
});

describe('perDecision', () => {
  it('subtracts the idle run and divides by the decisions, largest first', () => {
    const idle = new Map([
      ['startup', 5_000],
      ['decide', 100],
      ['gone', 40],
    ]);
    const busy = new Map([
      ['startup', 5_000],
      ['decide', 100 + 3_000],
      ['new', 1_000],
    ]);
    const profile = perDecision(idle, busy, 100);
    expect(profile.total).toBeCloseTo(39.6);
    expect(profile.functions).toEqual([
      { name: 'decide', perDecision: 30, share: 30 / 39.6 },
      { name: 'new', perDecision: 10, share: 10 / 39.6 },
      { name: 'gone', perDecision: -0.4, share: -0.4 / 39.6 },
    ]);
  });

  it('refuses zero decisions', () => {
    expect(() => perDecision(new Map(), new Map(), 0)).toThrow(RangeError);
  });
});

describe('shortName', () => {
  it('drops C++ argument lists and cuts long names', () => {
    expect(
      shortName(
        'v8::internal::String::LastIndexOf(v8::internal::Isolate*, v8::internal::Handle<v8::internal::Object>)',
        100,
      ),
    ).toBe('v8::internal::String::LastIndexOf()');
    expect(shortName('void f<(anonymous namespace)::X>(int (*)(int), char) const', 100)).toBe(
      'void f<(anonymous namespace)::X>() const',
    );
    expect(shortName('(anonymous)', 100)).toBe('(anonymous)');
    expect(shortName('*decide dist/runtime/index.js:12', 10)).toBe('*decide d…');
  });
});
