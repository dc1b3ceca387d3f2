// Plain-language explanations (English and Finnish) of the error codes Procountor is known to return.

/** A sentence for an accountant or an integrator: what happened and what to do. */
export interface ErrorExplanation {
  en: string;
  fi: string;
}

/**
 * Codes Procountor returns in `errors[].message` (or `constraintViolations[].errorCode`), with their cause.
 * Source: Procountor's API documentation, FACTS.md "Errors" (codes seen in the wild, Visma Severa's error table and
 * Taimer's help page, release notes). The contract's descriptions name no further error codes: every UPPER_SNAKE word
 * in them is an enum value (invoice types, statuses).
 */
export const PROCOUNTOR_ERROR_EXPLANATIONS: Readonly<Record<string, ErrorExplanation>> = {
  ERROR_OPERATOR: {
    en: "The e-invoice operator (intermediator) code is invalid. Check the operator code in the customer's e-invoicing address.",
    fi: 'Verkkolaskuoperaattorin (välittäjän) tunnus on virheellinen. Tarkista asiakkaan verkkolaskuosoitteen välittäjätunnus.',
  },
  CLOSED_FISCAL_PERIOD: {
    en: 'The date falls in a closed fiscal year or accounting period. Use a date in an open period, or ask the accountant to reopen the period.',
    fi: 'Päivämäärä osuu suljetulle tilikaudelle tai kirjanpitokaudelle. Käytä avoimen kauden päivämäärää tai pyydä kirjanpitäjää avaamaan kausi.',
  },
  ERROR_BRN_CODE: {
    en: 'The business ID (Y-tunnus) is missing or invalid. Check the business ID of the business partner.',
    fi: 'Y-tunnus puuttuu tai on virheellinen. Tarkista liikekumppanin Y-tunnus.',
  },
  ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION: {
    en: "The VAT percentage is not allowed on this ledger account. Check the row's VAT rate or the account's VAT settings.",
    fi: 'ALV-prosentti ei ole sallittu tällä kirjanpitotilillä. Tarkista rivin ALV-kanta tai tilin ALV-asetukset.',
  },
  ERROR_VATSTATUS_VATPERC: {
    en: "The invoice's VAT status and the VAT percentage do not fit together (for example a VAT rate on a VAT-free or reverse-charge sale).",
    fi: 'Laskun ALV-käsittely ja ALV-prosentti eivät sovi yhteen (esimerkiksi ALV-kanta verottomassa tai käännetyn verovelvollisuuden myynnissä).',
  },
  DIMENSION_OR_DIMENSION_ITEM_IDENTIFIERS_DOES_NOT_MATCH_THOSE_STORED_IN_DATABASE: {
    en: 'A dimension or dimension item does not exist in Procountor. Create it first, or correct its identifier.',
    fi: 'Laskentakohdetta tai laskentakohteen arvoa ei löydy Procountorista. Luo se ensin tai korjaa sen tunniste.',
  },
  DUE_DATE_BEFORE_BILL_DATE: {
    en: 'The due date is before the invoice date. Set a due date on or after the invoice date.',
    fi: 'Eräpäivä on ennen laskun päivämäärää. Aseta eräpäivä laskun päivämäärään tai sen jälkeen.',
  },
  OVT_NOT_ALLOWED: {
    en: 'An e-invoice address (OVT) is not allowed here, for example with this invoice channel or for this business partner.',
    fi: 'Verkkolaskuosoitetta (OVT-tunnusta) ei sallita tässä, esimerkiksi valitulla laskutuskanavalla tai tälle liikekumppanille.',
  },
  INVALID_OVT: {
    en: 'The e-invoice address (OVT) is invalid. A Finnish OVT is 0037, the business ID digits, and an optional suffix.',
    fi: 'Verkkolaskuosoite (OVT-tunnus) on virheellinen. Suomalainen OVT-tunnus on 0037, Y-tunnuksen numerot ja valinnainen tarkenne.',
  },
  UNABLE_TO_GET_CONNECTION: {
    en: 'Procountor could not get an internal connection, usually under heavy load. Try again in a moment.',
    fi: 'Procountor ei saanut sisäistä yhteyttä, yleensä kovan kuormituksen vuoksi. Yritä hetken kuluttua uudelleen.',
  },
  Unauthorized: {
    en: 'Procountor refused the credentials or the access token. Check that the API key is still valid (it ends when its user leaves the company) and that the company allows invoiceable API clients.',
    fi: 'Procountor hylkäsi tunnukset tai käyttöoikeustunnisteen. Tarkista, että API-avain on voimassa (se lakkaa, kun sen käyttäjä poistuu yrityksestä) ja että yritys sallii laskutettavat API-asiakkaat.',
  },
};

/** Explanations by HTTP status, used when no entry carries a known code. */
const STATUS_EXPLANATIONS: Readonly<Record<number, ErrorExplanation>> = {
  400: {
    en: 'Procountor refused the data. See the field errors for what to correct.',
    fi: 'Procountor hylkäsi tiedot. Katso kenttäkohtaisista virheistä, mitä pitää korjata.',
  },
  401: PROCOUNTOR_ERROR_EXPLANATIONS.Unauthorized!,
  403: {
    en: "The API user lacks the rights for this action, or the document's status does not allow it.",
    fi: 'API-käyttäjällä ei ole oikeuksia tähän toimintoon, tai asiakirjan tila ei salli sitä.',
  },
  404: {
    en: 'Procountor did not find the requested item. It may have been deleted, or the id is wrong.',
    fi: 'Procountor ei löytänyt pyydettyä kohdetta. Se on ehkä poistettu, tai tunniste on väärä.',
  },
  429: {
    en: 'Too many requests to Procountor. The request will succeed when tried again later.',
    fi: 'Procountoriin on lähetetty liian monta pyyntöä. Pyyntö onnistuu, kun sitä yritetään myöhemmin uudelleen.',
  },
};

const SERVER_EXPLANATION: ErrorExplanation = {
  en: 'Procountor had an internal problem. Try again later; if it persists, contact Procountor support.',
  fi: 'Procountorissa oli sisäinen ongelma. Yritä myöhemmin uudelleen; jos ongelma jatkuu, ota yhteyttä Procountorin tukeen.',
};

const UNKNOWN_EXPLANATION: ErrorExplanation = {
  en: 'Procountor refused the request.',
  fi: 'Procountor hylkäsi pyynnön.',
};

/** The explanation of one code, or undefined when the code is not in the catalogue. */
export function explainProcountorCode(code: string): ErrorExplanation | undefined {
  return Object.hasOwn(PROCOUNTOR_ERROR_EXPLANATIONS, code) ? PROCOUNTOR_ERROR_EXPLANATIONS[code] : undefined;
}

/** The explanation for a response: the known codes joined in order, else one by status. */
export function explainProcountorError(status: number, codes: readonly string[]): ErrorExplanation {
  const known = [...new Set(codes)].map(explainProcountorCode).filter((e): e is ErrorExplanation => e !== undefined);
  if (known.length > 0) {
    return { en: known.map((e) => e.en).join(' '), fi: known.map((e) => e.fi).join(' ') };
  }
  if (status >= 500) return SERVER_EXPLANATION;
  return STATUS_EXPLANATIONS[status] ?? UNKNOWN_EXPLANATION;
}
