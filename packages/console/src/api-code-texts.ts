// Texts in Finnish and English for the codes the bridge API sends in English: transfer step ids, timeline entry kinds,
// transfer failure codes and API error codes. The codes come from the bridge's constants (types only, checked by the
// compiler; api-code-texts.test.ts checks every step too); a code this file does not know shows the API's message.
import type { ApiErrorCode } from '../../bridge/src/errors/api-error-codes';
import type { TRANSFER_EVENT_KINDS } from '../../bridge/src/storage/tables/transfer-tables';
import type { TransferFailureCode } from '../../bridge/src/transfers/transfer-failure-codes';

export interface InBothLanguages {
  fi: string;
  en: string;
}
type Language = keyof InBothLanguages;

/**
 * The steps of every transfer kind (bridge: transfers/transfer-states.ts SALES_INVOICE_STEPS for sales and credit
 * invoices, travel-and-expenses/expense-step-plan.ts for travel invoices, expense claims and purchase invoices).
 */
export const STEP_NAMES: Record<string, InBothLanguages> = {
  resolve_business_partner: { en: 'Find the customer', fi: 'Asiakkaan haku' },
  resolve_products: { en: 'Find the products', fi: 'Tuotteiden haku' },
  resolve_person: { en: 'Find the person', fi: 'Henkilön haku' },
  resolve_expense_codes: { en: 'Find the travel expense codes', fi: 'Matkakulukoodien haku' },
  resolve_supplier: { en: 'Find the supplier', fi: 'Toimittajan haku' },
  ensure_dimension_items: { en: 'Add missing dimension items', fi: 'Puuttuvien laskentakohteiden lisäys' },
  create_invoice: { en: 'Create the invoice', fi: 'Laskun luonti' },
  set_dimensions: { en: 'Set the dimensions', fi: 'Laskentakohteiden kohdistus' },
  upload_attachments: { en: 'Send the attachments', fi: 'Liitteiden lähetys' },
  approve_or_send: { en: 'Approve or send', fi: 'Hyväksyntä tai lähetys' },
  set_status: { en: 'Set the status', fi: 'Laskun tilan asetus' },
  record_result: { en: 'Record the result', fi: 'Tuloksen tallennus' },
  notify_source: { en: 'Tell the source application', fi: 'Ilmoitus lähdejärjestelmälle' },
};

/** A timeline entry's kind (bridge: storage/tables/transfer-tables.ts TRANSFER_EVENT_KINDS). */
export const TIMELINE_KIND_NAMES: Record<(typeof TRANSFER_EVENT_KINDS)[number], InBothLanguages> = {
  state: { en: 'State', fi: 'Tila' },
  step: { en: 'Step done', fi: 'Vaihe tehty' },
  error: { en: 'Error', fi: 'Virhe' },
  note: { en: 'Note', fi: 'Huomio' },
};

/**
 * A failed transfer's lastError.code (bridge: transfers/transfer-failure-codes.ts; docs/errors.md): what happened in
 * both languages, and the fix in Finnish. In English the console shows the bridge's own fix, which names the record.
 */
export const TRANSFER_FAILURE_TEXTS: Record<TransferFailureCode, { what: InBothLanguages; fixFi: string }> = {
  business_partner_conflict: {
    what: {
      en: 'The customer number belongs in Procountor to a business partner with another business ID; no invoice was made.',
      fi: 'Asiakasnumero kuuluu Procountorissa liikekumppanille, jolla on eri Y-tunnus; laskua ei tehty.',
    },
    fixFi: 'Korjaa asiakasnumero tai Y-tunnus lähdejärjestelmässä tai Procountorissa ja lähetä siirto uudelleen.',
  },
  business_partner_not_found: {
    what: {
      en: 'The customer is not in Procountor, and this connection does not create customers.',
      fi: 'Asiakasta ei ole Procountorissa, eikä tämä yhteys luo asiakkaita.',
    },
    fixFi:
      'Lisää asiakas Procountoriin samalla Y-tunnuksella ja asiakasnumerolla tai ota käyttöön asetus createCustomersInProcountor ja lähetä siirto uudelleen.',
  },
  customer_not_linked: {
    what: {
      en: 'The customer is not linked to a Procountor business partner, and this connection sends invoices for linked customers only.',
      fi: 'Asiakasta ei ole linkitetty Procountorin liikekumppaniin, ja tämä yhteys lähettää laskuja vain linkitetyille asiakkaille.',
    },
    fixFi: 'Linkitä asiakas liikekumppaniin Linkitys-sivulla ja lähetä siirto uudelleen.',
  },
  product_not_found: {
    what: {
      en: "A row's product code is not in Procountor's product register.",
      fi: 'Rivin tuotekoodia ei ole Procountorin tuoterekisterissä.',
    },
    fixFi:
      'Lisää tuote Procountoriin, ota käyttöön asetus createProductsInProcountor tai aseta defaultProductCode koodiksi, joka Procountorissa on, ja lähetä siirto uudelleen.',
  },
  dimension_not_found: {
    what: {
      en: "The dimension named in the connection's settings is not in Procountor.",
      fi: 'Yhteyden asetuksissa nimettyä laskentakohdetta ei ole Procountorissa.',
    },
    fixFi:
      'Luo laskentakohde Procountoriin tai korjaa asetus projectDimension, costCenterDimension tai businessUnitDimension ja lähetä siirto uudelleen.',
  },
  company_bank_account_missing: {
    what: {
      en: 'The connection knows no bank account (IBAN) of the company; Procountor needs one on bank-transfer invoices.',
      fi: 'Yhteys ei tunne yrityksen pankkitiliä (IBAN); Procountor tarvitsee sen tilisiirtolaskuille.',
    },
    fixFi:
      'Lisää laskuille oletuspankkitili Procountorissa, testaa yhteys, jotta siirtopalvelu lukee sen, ja lähetä siirto uudelleen.',
  },
  connection_not_active: {
    what: {
      en: 'The connection was disabled while the transfer waited.',
      fi: 'Yhteys poistettiin käytöstä siirron odottaessa.',
    },
    fixFi: 'Ota yhteys käyttöön ja yritä epäonnistuneita siirtoja uudelleen.',
  },
  procountor_authentication_failed: {
    what: { en: "Procountor refused the connection's API key.", fi: 'Procountor hylkäsi yhteyden API-avaimen.' },
    fixFi: 'Luo Procountorissa uusi API-avain, vaihda se yhteydelle ja yritä epäonnistuneita siirtoja uudelleen.',
  },
  procountor_refused: {
    what: {
      en: 'Procountor refused the invoice or an action on it.',
      fi: 'Procountor hylkäsi laskun tai sille tehdyn toiminnon.',
    },
    fixFi:
      'Korjaa asiakirja lähdejärjestelmässä ja lähetä se uudelleen, tai korjaa tiedot Procountorissa ja lähetä siirto uudelleen.',
  },
  attachment_too_large: {
    what: {
      en: "An attachment is over Procountor's limit of 10,000,000 bytes.",
      fi: 'Liite ylittää Procountorin 10 000 000 tavun rajan.',
    },
    fixFi: 'Lähetä asiakirja uudelleen pienemmän liitteen kanssa.',
  },
  retries_exhausted: {
    what: {
      en: 'Procountor stayed unreachable or failing through every attempt.',
      fi: 'Procountor ei vastannut tai vastasi virheellä jokaisella yrityksellä.',
    },
    fixFi: 'Tarkista Procountorin tila sen tilasivulta ja lähetä siirto uudelleen.',
  },
  procountor_unavailable: {
    what: {
      en: 'The last attempt did not finish; the bridge tries again by itself.',
      fi: 'Viimeisin yritys ei päättynyt; siirtopalvelu yrittää uudelleen itse.',
    },
    fixFi: 'Ei toimenpiteitä: siirtopalvelu yrittää uudelleen itse.',
  },
  person_not_in_procountor: {
    what: {
      en: "The person is not in Procountor's person register.",
      fi: 'Henkilöä ei ole Procountorin henkilörekisterissä.',
    },
    fixFi:
      'Lisää henkilö tällä henkilötunnuksella Procountorin henkilörekisteriin tai ota käyttöön asetus updatePersonsInProcountor ja lähetä siirto uudelleen.',
  },
  person_identity_code_missing: {
    what: {
      en: 'The document names a person without a personal identity code.',
      fi: 'Asiakirjan henkilöllä ei ole henkilötunnusta.',
    },
    fixFi: 'Lisää henkilötunnus henkilön tietoihin lähdejärjestelmässä ja lähetä asiakirja uudelleen.',
  },
  person_bank_account_missing: {
    what: {
      en: "Neither the document nor Procountor's person register has the person's bank account (IBAN).",
      fi: 'Henkilön pankkitiliä (IBAN) ei ole asiakirjassa eikä Procountorin henkilörekisterissä.',
    },
    fixFi: 'Lisää henkilön IBAN lähdejärjestelmään tai Procountorin henkilörekisteriin ja lähetä siirto uudelleen.',
  },
  travel_expense_code_unknown: {
    what: {
      en: "A row's travel expense code, and the default code, are not in Procountor's travel expense register.",
      fi: 'Rivin matkakulukoodia eikä oletuskoodia ole Procountorin matkakulurekisterissä.',
    },
    fixFi:
      'Käytä tämän vuoden matkakulukoodeja Procountorista (ne muuttuvat vuosittain) tai aseta defaultTravelExpenseCode koodiksi, joka Procountorissa on, ja lähetä siirto uudelleen.',
  },
};

/** The `code` of a 4xx/5xx answer (bridge: errors/api-error-codes.ts; docs/errors.md). */
export const API_ERROR_TEXTS: Record<ApiErrorCode, InBothLanguages> = {
  authentication_required: {
    en: 'The request had no valid session or token.',
    fi: 'Pyynnöllä ei ollut voimassa olevaa istuntoa tai tunnistetta.',
  },
  admin_required: {
    en: 'This needs an admin; a connection token cannot do it.',
    fi: 'Tämä vaatii ylläpitäjän; yhteyden tunniste ei riitä.',
  },
  csrf_token_required: {
    en: "The change lacked the session's CSRF token; reload the page and try again.",
    fi: 'Muutoksesta puuttui istunnon CSRF-tunniste; lataa sivu uudelleen ja yritä uudelleen.',
  },
  not_found: {
    en: 'The connection, token or document was not found.',
    fi: 'Yhteyttä, tunnistetta tai asiakirjaa ei löytynyt.',
  },
  route_not_found: { en: 'The bridge has no such address.', fi: 'Siirtopalvelussa ei ole tällaista osoitetta.' },
  validation_failed: {
    en: 'Some fields are not valid; nothing was saved.',
    fi: 'Osa kentistä ei kelpaa; mitään ei tallennettu.',
  },
  invalid_json: {
    en: 'The request body is not valid JSON; nothing was saved.',
    fi: 'Pyynnön sisältö ei ole kelvollista JSONia; mitään ei tallennettu.',
  },
  internal_error: {
    en: "Something failed on the bridge's side; its log has the details.",
    fi: 'Siirtopalvelussa tapahtui virhe; sen lokissa on tarkemmat tiedot.',
  },
  connection_not_active: {
    en: 'The connection is a draft or disabled: it accepts and sends nothing.',
    fi: 'Yhteys on luonnos tai poistettu käytöstä: se ei vastaanota eikä lähetä mitään.',
  },
  connection_name_taken: { en: 'Another connection has this name.', fi: 'Toisella yhteydellä on jo tämä nimi.' },
  procountor_client_refused: {
    en: 'Procountor refused the client ID or the client secret.',
    fi: 'Procountor hylkäsi asiakastunnisteen (client ID) tai asiakassalaisuuden (client secret).',
  },
  procountor_api_key_refused: { en: 'Procountor refused the API key.', fi: 'Procountor hylkäsi API-avaimen.' },
  procountor_permission_denied: {
    en: "The API key works, but its user may not read the company's data.",
    fi: 'API-avain toimii, mutta sen käyttäjä ei saa lukea yrityksen tietoja.',
  },
  procountor_unreachable: {
    en: "Procountor did not answer at the connection's address.",
    fi: 'Procountor ei vastannut yhteyden osoitteessa.',
  },
  procountor_check_failed: {
    en: 'Procountor answered the check with an error; try again later.',
    fi: 'Procountor vastasi tarkistukseen virheellä; yritä myöhemmin uudelleen.',
  },
  webhook_endpoint_disabled: {
    en: 'The webhook endpoint is disabled; enable it before replaying.',
    fi: 'Webhook-vastaanottaja on poistettu käytöstä; ota se käyttöön ennen uudelleenlähetystä.',
  },
  external_id_conflict: {
    en: 'A document with this source id was already sent with other content.',
    fi: 'Samalla lähdetunnisteella on jo lähetetty asiakirja, jonka sisältö on toinen.',
  },
  idempotency_key_reused: {
    en: 'The Idempotency-Key was already used for another request.',
    fi: 'Idempotency-Key on jo käytetty toiseen pyyntöön.',
  },
  transfer_state_conflict: {
    en: "The action does not fit the transfer's state.",
    fi: 'Toiminto ei sovi siirron nykyiseen tilaan.',
  },
  sign_in_failed: { en: 'The user name or the password is wrong.', fi: 'Käyttäjätunnus tai salasana on väärin.' },
  sign_in_throttled: {
    en: 'Too many failed sign-ins; wait a while before trying again.',
    fi: 'Liian monta epäonnistunutta kirjautumista; odota hetki ennen kuin yrität uudelleen.',
  },
  user_name_taken: {
    en: 'A console user with this name exists already.',
    fi: 'Tämänniminen konsolin käyttäjä on jo olemassa.',
  },
  no_session: { en: 'This request was not made in a console session.', fi: 'Pyyntöä ei tehty konsolin istunnossa.' },
  invalid_signature: {
    en: "The webhook delivery's signature does not verify; nothing was stored.",
    fi: 'Webhook-ilmoituksen allekirjoitus ei täsmää; mitään ei tallennettu.',
  },
  mark_paid_forwarding_off: {
    en: 'Marking paid in Procountor is off for this connection (setting markPaidInProcountor).',
    fi: 'Maksetuksi merkitseminen Procountorissa on tällä yhteydellä pois käytöstä (asetus markPaidInProcountor).',
  },
  invoice_not_in_procountor: {
    en: 'The invoice is not in Procountor yet, so it cannot be marked paid.',
    fi: 'Laskua ei ole vielä Procountorissa, joten sitä ei voi merkitä maksetuksi.',
  },
  already_paid: {
    en: 'Nothing is open on this invoice; give the amount to record another payment.',
    fi: 'Laskulla ei ole avointa summaa; anna summa, jos haluat kirjata uuden maksun.',
  },
  mark_paid_conflict: {
    en: 'This payment id was used for another payment, or its earlier try got no answer.',
    fi: 'Tämä maksun tunniste on jo käytetty toiseen maksuun, tai sen aiempaan yritykseen ei saatu vastausta.',
  },
  procountor_refused_mark_paid: {
    en: 'Procountor refused to mark the invoice paid.',
    fi: 'Procountor ei hyväksynyt laskun merkitsemistä maksetuksi.',
  },
  procountor_request_failed: {
    en: 'A call to Procountor was refused or not answered.',
    fi: 'Procountor hylkäsi kutsun tai ei vastannut siihen.',
  },
  bill_not_approvable: {
    en: 'Procountor cannot approve this bill in its current status.',
    fi: 'Procountor ei voi hyväksyä laskua sen nykyisessä tilassa.',
  },
  link_conflict: {
    en: 'That Procountor record is linked to another source record already; unlink that one first.',
    fi: 'Procountorin tietue on jo linkitetty toiseen lähdejärjestelmän tietueeseen; poista se linkitys ensin.',
  },
  travel_transfers_off: {
    en: 'Travel invoices and expense claims are off for this connection (setting travelTransfersEnabled).',
    fi: 'Matkalaskujen ja kulukorvausten siirto on tällä yhteydellä pois käytöstä (asetus travelTransfersEnabled).',
  },
};

const known = <T>(texts: Record<string, T>, code: string): T | undefined =>
  Object.hasOwn(texts, code) ? texts[code] : undefined;

/** A step id in words; an id this file does not know as the bridge names it. */
export function stepName(step: string, language: Language): string {
  return known(STEP_NAMES, step)?.[language] ?? step;
}

export function timelineKindName(kind: string, language: Language): string {
  return known(TIMELINE_KIND_NAMES, kind)?.[language] ?? kind;
}

/** What a page shows of an error: the text in the reader's language, and the bridge's own message beside it. */
export interface ErrorText {
  text: string;
  /** The API's message (which names the record or field), when `text` is the console's text of the code. */
  bridgeMessage?: string;
}

/** A failed transfer's what and fix; an unknown code shows the bridge's message and fix as they are. */
export function transferFailureText(
  error: { code: string; message: string; fix: string },
  language: Language,
): ErrorText & { fix: string } {
  const texts = known<{ what: InBothLanguages; fixFi: string }>(TRANSFER_FAILURE_TEXTS, error.code);
  if (!texts) return { text: error.message, fix: error.fix };
  return {
    text: texts.what[language],
    bridgeMessage: error.message,
    fix: language === 'fi' ? texts.fixFi : error.fix,
  };
}

/** An API error's code in words; an unknown code (Fastify's own 4xx, a proxy's answer) shows the API's message. */
export function apiErrorText(code: string, message: string, language: Language): ErrorText {
  const text = known(API_ERROR_TEXTS, code)?.[language];
  if (!text) return { text: message };
  return text === message ? { text } : { text, bridgeMessage: message };
}
