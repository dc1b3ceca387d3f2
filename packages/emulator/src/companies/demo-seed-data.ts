// The demo company's data: Finnish customers, suppliers, persons, products and dimension items (fictional).
import { createBusinessId, createPersonalIdentityCode, type ValueResult } from '@procountor-bridge/client/finnish';

export interface DemoPartner {
  name: string;
  businessId: string;
  street: string;
  zip: string;
  city: string;
  invoiceChannel: 'EMAIL' | 'ELECTRONIC_INVOICE' | 'MAIL';
  email?: string;
  einvoiceAddress?: string;
  einvoiceOperator?: string;
}

/** Demo data is fixed: a digit sequence without a check digit is a programming error. */
function unwrap(result: ValueResult<string>): string {
  if (!result.valid) throw new Error(`demo seed: ${result.reason}`);
  return result.value;
}
const id = (sevenDigits: string) => unwrap(createBusinessId(sevenDigits));
const withHetuCheckCharacter = (date: string, century: string, individual: string) =>
  unwrap(createPersonalIdentityCode(date, century, individual));
const ovt = (businessId: string) => `0037${businessId.replace('-', '')}`;

// Customer numbers 1000… are assigned in this order (assumption in README "Assumptions").
export const DEMO_CUSTOMERS: DemoPartner[] = [
  {
    name: 'Rakennus Virtanen Oy',
    businessId: id('2331972'),
    street: 'Hämeenkatu 5',
    zip: '33100',
    city: 'Tampere',
    invoiceChannel: 'ELECTRONIC_INVOICE',
    einvoiceAddress: ovt(id('2331972')),
    einvoiceOperator: '003721291126',
  },
  {
    name: 'Kahvila Aalto Oy',
    businessId: id('1572860'),
    street: 'Aleksanterinkatu 17',
    zip: '00100',
    city: 'Helsinki',
    invoiceChannel: 'EMAIL',
    email: 'laskut@kahvila-aalto.fi',
  },
  {
    name: 'Metsä ja Mökki Ky',
    businessId: id('0112038'),
    street: 'Kauppakatu 22',
    zip: '40100',
    city: 'Jyväskylä',
    invoiceChannel: 'MAIL',
  },
  {
    name: 'Lumi Software Oy',
    businessId: id('2004255'),
    street: 'Itälahdenkatu 20',
    zip: '00210',
    city: 'Helsinki',
    invoiceChannel: 'EMAIL',
    email: 'ap@lumisoftware.fi',
  },
  {
    name: 'Saariston Kuljetus Oy',
    businessId: id('1618033'),
    street: 'Linnankatu 30',
    zip: '20100',
    city: 'Turku',
    invoiceChannel: 'MAIL',
  },
  {
    name: 'Pohjolan Energia Oy',
    businessId: id('1414213'),
    street: 'Isokatu 32',
    zip: '90100',
    city: 'Oulu',
    invoiceChannel: 'MAIL',
  },
  {
    name: 'Kiinteistö Oy Koivukuja',
    businessId: id('1732050'),
    street: 'Koivukuja 3',
    zip: '02100',
    city: 'Espoo',
    invoiceChannel: 'MAIL',
  },
  {
    name: 'Tilitoimisto Laine Oy',
    businessId: id('2236067'),
    street: 'Kirkkokatu 8',
    zip: '15140',
    city: 'Lahti',
    invoiceChannel: 'EMAIL',
    email: 'posti@tilitoimistolaine.fi',
  },
  {
    name: 'Mäkelän Konepaja Oy',
    businessId: id('0577215'),
    street: 'Teollisuustie 12',
    zip: '65100',
    city: 'Vaasa',
    invoiceChannel: 'MAIL',
  },
  {
    name: 'Kuopion Kukka Oy',
    businessId: id('2502566'),
    street: 'Puijonkatu 19',
    zip: '70100',
    city: 'Kuopio',
    invoiceChannel: 'MAIL',
  },
];

export const DEMO_SUPPLIERS: DemoPartner[] = [
  {
    name: 'Toimistotarvike Niemi Oy',
    businessId: id('3011024'),
    street: 'Vanha talvitie 4',
    zip: '00580',
    city: 'Helsinki',
    invoiceChannel: 'MAIL',
  },
  {
    name: 'Pilvipalvelu Nordic Oy',
    businessId: id('1202055'),
    street: 'Keilaranta 1',
    zip: '02150',
    city: 'Espoo',
    invoiceChannel: 'MAIL',
  },
  {
    name: 'Vuokratilat Oy',
    businessId: id('2468013'),
    street: 'Mannerheimintie 12',
    zip: '00100',
    city: 'Helsinki',
    invoiceChannel: 'MAIL',
  },
];

export const DEMO_PERSONS = [
  {
    firstName: 'Maija',
    lastName: 'Meikäläinen',
    hetu: withHetuCheckCharacter('131052', '-', '308'),
    gender: 'FEMALE' as const,
    city: 'Helsinki',
  },
  {
    firstName: 'Matti',
    lastName: 'Virtanen',
    hetu: withHetuCheckCharacter('010594', '-', '125'),
    gender: 'MALE' as const,
    city: 'Tampere',
  },
  {
    firstName: 'Aino',
    lastName: 'Korhonen',
    hetu: withHetuCheckCharacter('240201', 'A', '462'),
    gender: 'FEMALE' as const,
    city: 'Turku',
  },
];

type Unit = 'HOUR' | 'PIECE' | 'MONTH' | 'DAY' | 'KILOMETER';

/** [code, name, unit, price, VAT %, sales account]: the accounts match the VAT percentages of the chart of accounts. */
export const DEMO_PRODUCTS: Array<[string, string, Unit, number, number, string]> = [
  ['KONS', 'Konsultointi', 'HOUR', 120, 25.5, '3000'],
  ['SUUN', 'Suunnittelu', 'HOUR', 95, 25.5, '3000'],
  ['ASEN', 'Asennustyö', 'HOUR', 75, 25.5, '3000'],
  ['LIS-M', 'Ohjelmistolisenssi, kuukausi', 'MONTH', 49, 25.5, '3000'],
  ['TUKI', 'Tukipalvelu', 'MONTH', 199, 25.5, '3000'],
  ['KOUL', 'Koulutuspäivä', 'DAY', 890, 25.5, '3000'],
  ['KIRJA', 'Käsikirja (painettu)', 'PIECE', 39, 14, '3010'],
  ['LEHTI', 'Asiakaslehden tilaus', 'MONTH', 12, 10, '3020'],
  ['MATKA', 'Matkakulut', 'KILOMETER', 0.57, 0, '3030'],
  ['RAK', 'Rakennuspalvelu (käännetty ALV)', 'HOUR', 65, 0, '3500'],
];

export const DEMO_DIMENSION_ITEMS: Record<string, Array<[string, string]>> = {
  Projektit: [
    ['P-100', 'Toimistoremontti'],
    ['P-200', 'Verkkokauppa'],
    ['P-300', 'ERP-käyttöönotto'],
  ],
  Kustannuspaikat: [
    ['HEL', 'Helsinki'],
    ['TRE', 'Tampere'],
    ['TKU', 'Turku'],
  ],
  Liiketoimintayksiköt: [
    ['KONS', 'Konsultointi'],
    ['OHJ', 'Ohjelmistot'],
    ['HUOLTO', 'Huolto'],
  ],
};
