// Tests the one document check: no coercion, null of an optional property as absent, unions reported once, text rules.
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { compileDocumentCheck } from './check-document';

const Row = Type.Object(
  {
    kind: Type.Union([Type.Literal('item'), Type.Literal('text')], { default: 'item' }),
    name: Type.String({ minLength: 1 }),
    comment: Type.Optional(Type.String({ multiline: true })),
  },
  { additionalProperties: false },
);
const Document = Type.Object(
  {
    id: Type.String(),
    count: Type.Optional(Type.Integer()),
    note: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    rows: Type.Array(Row),
    extra: Type.Optional(Type.Unknown()),
    tags: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);
const check = compileDocumentCheck(Document);

describe('compileDocumentCheck', () => {
  it('fills defaults and removes null of an optional property that does not allow null', () => {
    const document = { id: 'a', count: null, note: null, extra: null, rows: [{ name: 'x', comment: null }] };
    expect(check(document)).toEqual([]);
    expect(document).toEqual({ id: 'a', note: null, extra: null, rows: [{ kind: 'item', name: 'x' }] });
  });

  it('keeps null of a required property, and refuses it', () => {
    expect(check({ id: null, rows: [] })).toEqual([
      { path: 'id', rule: 'type', message: 'must be a string, not null' },
    ]);
  });

  it('coerces nothing: numbers, booleans and one-item arrays stay what they are', () => {
    expect(check({ id: 1, count: '2', rows: [{ name: ['x'] }] })).toEqual([
      { path: 'id', rule: 'type', message: 'must be a string, not an integer' },
      { path: 'count', rule: 'type', message: 'must be an integer, not a string' },
      { path: 'rows[0].name', rule: 'type', message: 'must be a string, not an array' },
    ]);
  });

  it('reports a union once: the literals allowed, or the types', () => {
    expect(check({ id: 'a', note: 5, rows: [{ kind: 'header', name: 'x' }] })).toEqual([
      { path: 'note', rule: 'type', message: 'must be a string or null, not an integer' },
      { path: 'rows[0].kind', rule: 'one_of', message: 'must be one of "item", "text"' },
    ]);
  });

  it('names each unknown property by its own path', () => {
    expect(check({ id: 'a', foo: 1, rows: [{ name: 'x', bar: 2 }] })).toEqual([
      expect.objectContaining({ path: 'foo', rule: 'no_unknown_fields' }),
      expect.objectContaining({ path: 'rows[0].bar', rule: 'no_unknown_fields' }),
    ]);
  });

  it('refuses text that cannot be stored in values and property names, but leaves open values to their own check', () => {
    expect(
      check({
        id: 'a\nb',
        rows: [{ name: 'x\u0000', comment: 'two\nlines' }],
        tags: { 'k\u0007': 'v', ok: 'v\ud800' },
        extra: 'free\u0000',
      }),
    ).toEqual([
      expect.objectContaining({ path: 'id', rule: 'single_line' }),
      expect.objectContaining({ path: 'rows[0].name', rule: 'no_nul_character' }),
      expect.objectContaining({ path: 'tags.k\u0007', rule: 'no_control_character' }),
      expect.objectContaining({ path: 'tags.ok', rule: 'no_lone_surrogate' }),
    ]);
  });
});
