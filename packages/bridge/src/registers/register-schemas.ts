// TypeBox schemas of the registers API: records, pages, sync runs and their counts.
import { Type } from 'typebox';
import { REGISTERS } from './register-kinds';

export const ConnectionParams = Type.Object({ connectionId: Type.String() });

export const RegisterNameSchema = Type.Union(
  REGISTERS.map((register) => Type.Literal(register)),
  { description: 'A Procountor register the bridge keeps a copy of (docs/master-data.md "Registers").' },
);

export const RegisterRecordSchema = Type.Object({
  register: Type.String(),
  recordKey: Type.String({ description: "Procountor's id, or the natural key (account code, VAT percentage)." }),
  procountorId: Type.Union([Type.Integer(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()], {
    description: 'Customer number, product code, account code, dimension item code name, currency, VAT percentage.',
  }),
  name: Type.String(),
  identifier: Type.Union([Type.String(), Type.Null()], {
    description:
      'Business ID of a partner; dimension name of an item; country of a VAT rate. Personal identity codes of persons are masked.',
  }),
  active: Type.Boolean(),
  version: Type.Union([Type.String(), Type.Null()], { description: "Procountor's version stamp, where it has one." }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'The record as Procountor answered it.' }),
  syncedAt: Type.String(),
  linkedSourceKey: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description: 'Business partners and products: the source record linked to this one (linking page), else null.',
    }),
  ),
});

export const PageMetaSchema = Type.Object({
  page: Type.Integer({ description: '0-based.' }),
  size: Type.Integer(),
  total: Type.Integer({ description: 'Matching records on all pages.' }),
});

export const PageQuerySchema = {
  page: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: '0-based page number.' })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size, up to 500.' })),
};

const CountsSchema = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  failed: Type.Integer({ description: 'Records read but not stored (their error is in `errors`).' }),
  fetched: Type.Integer({ description: 'Records Procountor returned.' }),
  calls: Type.Integer({ description: 'Procountor requests this register took.' }),
  inactivated: Type.Integer({ description: 'Became inactive in Procountor, or gone from it (after a full read).' }),
});

export const SyncRunSchema = Type.Object({
  id: Type.String(),
  connectionId: Type.String(),
  mode: Type.Union([Type.Literal('full'), Type.Literal('incremental')]),
  trigger: Type.Union([Type.Literal('on_demand'), Type.Literal('schedule')]),
  state: Type.Union(
    [Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')],
    {
      description: 'failed: at least one register could not be read; the others were still synced.',
    },
  ),
  registers: Type.Array(Type.String()),
  currentRegister: Type.Union([Type.String(), Type.Null()], { description: 'The register being read (progress).' }),
  counts: Type.Record(Type.String(), Type.Object({ ...CountsSchema.properties, done: Type.Boolean() }), {
    description: 'Per register; updated after every page, so polling shows progress.',
  }),
  totals: CountsSchema,
  errors: Type.Array(
    Type.Object({ register: Type.String(), recordKey: Type.Optional(Type.String()), message: Type.String() }),
  ),
  procountorCalls: Type.Integer(),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
