// Datatype.decode's pure part (lib/typedecode.ts), in process (no MPI): the
// params of every combiner from recorded contents, in both layouts MPI defines.
// The legacy contents were recorded from Open MPI 4.1.4 (MPI_Type_get_contents
// of each constructor below); the MPI-4 ones (counts present: a type made by a
// `_c` constructor) follow the MPI-4.0 standard's table of MPI_Type_get_contents_c.
import { combinerName, COMBINER_NAMES, type CombinerName, type Contents, decodeContents, decodeParams } from '../lib/typedecode';

type Case = [label: string, combiner: CombinerName, contents: Contents<string>, params: Record<string, unknown>];

// Datatypes stand as strings: the decoder never looks at them.
const LEGACY: Case[] = [
  ['DUP of INT', 'DUP', [[], [], [], ['INT']], {}],
  ['CONTIGUOUS(3)', 'CONTIGUOUS', [[3], [], [], ['INT']], { count: 3 }],
  ['VECTOR(2, 3, -4)', 'VECTOR', [[2, 3, -4], [], [], ['INT']], { count: 2, blocklength: 3, stride: -4 }],
  ['HVECTOR(2, 3, 40 bytes)', 'HVECTOR', [[2, 3], [40], [], ['INT']], { count: 2, blocklength: 3, stride: 40 }],
  ['INDEXED([1,2,3], [0,5,10])', 'INDEXED', [[3, 1, 2, 3, 0, 5, 10], [], [], ['INT']], { blocklengths: [1, 2, 3], displacements: [0, 5, 10] }],
  ['HINDEXED([1,2,3], [0,24,64] bytes)', 'HINDEXED', [[3, 1, 2, 3], [0, 24, 64], [], ['INT']], { blocklengths: [1, 2, 3], displacements: [0, 24, 64] }],
  ['INDEXED_BLOCK(2, [0,5,10])', 'INDEXED_BLOCK', [[3, 2, 0, 5, 10], [], [], ['INT']], { blocklength: 2, displacements: [0, 5, 10] }],
  ['HINDEXED_BLOCK(2, [0,24,64] bytes)', 'HINDEXED_BLOCK', [[3, 2], [0, 24, 64], [], ['INT']], { blocklength: 2, displacements: [0, 24, 64] }],
  ['STRUCT([1,2], [0,8], [INT, DOUBLE])', 'STRUCT', [[2, 1, 2], [0, 8], [], ['INT', 'DOUBLE']], { blocklengths: [1, 2], displacements: [0, 8], datatypes: ['INT', 'DOUBLE'] }],
  [
    'SUBARRAY([4,6], [2,3], [1,2], ORDER_FORTRAN=1)', 'SUBARRAY', [[2, 4, 6, 2, 3, 1, 2, 1], [], [], ['DOUBLE']],
    { sizes: [4, 6], subsizes: [2, 3], starts: [1, 2], order: 1 },
  ],
  [
    'DARRAY(4, 3, [8,9], [BLOCK, CYCLIC], [DFLT, 2], [2,2], ORDER_C=0)', 'DARRAY', [[4, 3, 2, 8, 9, 0, 1, -1, 2, 2, 2, 0], [], [], ['DOUBLE']],
    { size: 4, rank: 3, gsizes: [8, 9], distribs: [0, 1], dargs: [-1, 2], psizes: [2, 2], order: 0 },
  ],
  ['RESIZED(-4, 16)', 'RESIZED', [[], [-4, 16], [], ['INT']], { lb: -4, extent: 16 }],
  ['F90_INTEGER(9)', 'F90_INTEGER', [[9], [], [], []], { r: 9 }],
  ['F90_REAL(6, 30)', 'F90_REAL', [[6, 30], [], [], []], { p: 6, r: 30 }],
  ['F90_COMPLEX(15, 300)', 'F90_COMPLEX', [[15, 300], [], [], []], { p: 15, r: 300 }],
];

// MPI-4 (large counts): counts and byte displacements in `counts`, the rest in `integers`.
const MPI4: Case[] = [
  ['CONTIGUOUS_c(3)', 'CONTIGUOUS', [[], [], [3], ['INT']], { count: 3 }],
  ['VECTOR_c(2, 3, -4)', 'VECTOR', [[], [], [2, 3, -4], ['INT']], { count: 2, blocklength: 3, stride: -4 }],
  ['HVECTOR_c(2, 3, 40 bytes)', 'HVECTOR', [[], [], [2, 3, 40], ['INT']], { count: 2, blocklength: 3, stride: 40 }],
  ['INDEXED_c', 'INDEXED', [[], [], [3, 1, 2, 3, 0, 5, 10], ['INT']], { blocklengths: [1, 2, 3], displacements: [0, 5, 10] }],
  ['HINDEXED_c', 'HINDEXED', [[], [], [3, 1, 2, 3, 0, 24, 64], ['INT']], { blocklengths: [1, 2, 3], displacements: [0, 24, 64] }],
  ['INDEXED_BLOCK_c', 'INDEXED_BLOCK', [[], [], [3, 2, 0, 5, 10], ['INT']], { blocklength: 2, displacements: [0, 5, 10] }],
  ['HINDEXED_BLOCK_c', 'HINDEXED_BLOCK', [[], [], [3, 2, 0, 24, 64], ['INT']], { blocklength: 2, displacements: [0, 24, 64] }],
  ['STRUCT_c', 'STRUCT', [[], [], [2, 1, 2, 0, 8], ['INT', 'DOUBLE']], { blocklengths: [1, 2], displacements: [0, 8], datatypes: ['INT', 'DOUBLE'] }],
  ['SUBARRAY_c', 'SUBARRAY', [[2, 1], [], [4, 6, 2, 3, 1, 2], ['DOUBLE']], { sizes: [4, 6], subsizes: [2, 3], starts: [1, 2], order: 1 }],
  [
    'DARRAY_c', 'DARRAY', [[4, 3, 2, 0, 1, -1, 2, 2, 2, 0], [], [8, 9], ['DOUBLE']],
    { size: 4, rank: 3, gsizes: [8, 9], distribs: [0, 1], dargs: [-1, 2], psizes: [2, 2], order: 0 },
  ],
  ['RESIZED_c(-4, 16)', 'RESIZED', [[], [], [-4, 16], ['INT']], { lb: -4, extent: 16 }],
  // MPI-4.1's value-index pair: two datatypes, no integers.
  ['VALUE_INDEX(DOUBLE, INT)', 'VALUE_INDEX', [[], [], [], ['DOUBLE', 'INT']], { value: 'DOUBLE', index: 'INT' }],
];

describe('decode of recorded contents', () => {
  test.each(LEGACY)('legacy layout: %s', (_, combiner, contents, params) => {
    expect(decodeParams(combiner, contents)).toEqual(params);
  });
  test.each(MPI4)('MPI-4 layout: %s', (_, combiner, contents, params) => {
    expect(decodeParams(combiner, contents)).toEqual(params);
  });
  test('every combiner but NAMED has a recorded case', () => {
    const covered = new Set([...LEGACY, ...MPI4].map((c) => c[1]));
    expect(COMBINER_NAMES.filter((n) => n !== 'NAMED' && !covered.has(n))).toEqual([]);
  });
});

describe('decodeContents', () => {
  test('oldtype is the one datatype of the contents', () => {
    expect(decodeContents('VECTOR', [[2, 1, 3], [], [], ['INT']], 'NULL')).toEqual(['INT', 'VECTOR', { count: 2, blocklength: 1, stride: 3 }]);
  });
  test('several datatypes (STRUCT) or none (F90_*) give the null type as oldtype', () => {
    expect(decodeContents('STRUCT', [[2, 1, 1], [0, 8], [], ['INT', 'DOUBLE']], 'NULL')[0]).toBe('NULL');
    expect(decodeContents('F90_REAL', [[6, 30], [], [], []], 'NULL')[0]).toBe('NULL');
  });
  test('the params lists are copies: changing them leaves the contents alone', () => {
    const contents: Contents<string> = [[3, 1, 2, 3, 0, 5, 10], [], [], ['INT']];
    decodeParams('INDEXED', contents).blocklengths!.push(99);
    expect(contents[0]).toEqual([3, 1, 2, 3, 0, 5, 10]);
  });
  test('truncated contents are a RangeError naming decode, not undefined params', () => {
    expect(() => decodeParams('INDEXED', [[3, 1, 2], [], [], ['INT']])).toThrow(/^Datatype\.decode: contents too short/);
    expect(() => decodeParams('RESIZED', [[], [-4], [], ['INT']])).toThrow(RangeError);
    expect(() => decodeParams('VALUE_INDEX', [[], [], [], ['DOUBLE']])).toThrow(/VALUE_INDEX needs 2 datatypes/);
  });
});

describe('combinerName', () => {
  // Open MPI 4.1.4's values; VALUE_INDEX is MPI.UNDEFINED (-32766) there, as the library lacks it.
  const OMPI: Record<string, number> = {
    COMBINER_NAMED: 0, COMBINER_DUP: 1, COMBINER_CONTIGUOUS: 2, COMBINER_VECTOR: 3, COMBINER_HVECTOR: 5,
    COMBINER_INDEXED: 6, COMBINER_HINDEXED: 8, COMBINER_INDEXED_BLOCK: 9, COMBINER_HINDEXED_BLOCK: 18, COMBINER_STRUCT: 11,
    COMBINER_SUBARRAY: 12, COMBINER_DARRAY: 13, COMBINER_RESIZED: 17, COMBINER_VALUE_INDEX: -32766, COMBINER_F90_INTEGER: 16,
    COMBINER_F90_REAL: 14, COMBINER_F90_COMPLEX: 15,
  };
  test('maps each value to its name', () => {
    expect(combinerName(3, OMPI, -32766)).toBe('VECTOR');
    expect(combinerName(18, OMPI, -32766)).toBe('HINDEXED_BLOCK');
    expect(combinerName(0, OMPI, -32766)).toBe('NAMED');
  });
  test('the UNDEFINED of a missing combiner never matches, and an unknown value is a RangeError', () => {
    expect(() => combinerName(-32766, OMPI, -32766)).toThrow(/unknown combiner value -32766/);
    expect(() => combinerName(4, OMPI, -32766)).toThrow(RangeError);
  });
});
