// The wizard's steps in Finnish, keyed by the step id of the bridge's connections/activation-steps.ts (which serves the
// English of the vendors' help pages). `{clientId}` is the client identifier to enter. Menu paths follow Procountor's
// Finnish interface as far as known; the English path stays in the bridge's text.
export interface StepText {
  title: string;
  procountorPath?: string;
  instructions: string[];
}

export const ACTIVATION_STEPS_FI: Record<string, StepText> = {
  'allow-api-clients': {
    title: 'Salli laskutettavat API-asiakkaat',
    procountorPath: 'Hallinta > Yrityksen perustiedot > Käytön asetukset',
    instructions: [
      'Kirjaudu Procountoriin pääkäyttäjänä.',
      'Ota käyttöön "Salli laskutettavien API-asiakkaiden käyttö" (integraatioasetukset). Ilman sitä integraatiot eivät saa yhteyttä.',
      'Pyydä tarvittaessa tilitoimistoasi tai kirjanpitäjääsi ottamaan yhteys käyttöön.',
    ],
  },
  'create-api-user': {
    title: 'Lisää tekninen API-käyttäjä',
    procountorPath: 'Hallinta > Käyttäjät ja käyttöoikeudet > Luo uusi käyttäjä',
    instructions: [
      'Luo integraatiolle käyttäjä, esimerkiksi etunimeksi yrityksesi nimi ja sukunimeksi "procountor-bridge". Sähköpostiosoite on pakollinen.',
      'Käy läpi jokainen käyttöoikeusosio ja anna kaikki oikeudet (tai tee käyttäjästä pääkäyttäjä).',
      'Ota käyttöön "Salli vain M2M-kirjautuminen rajapintaan", jotta integraatiokäyttäjä ei voi kirjautua käyttöliittymään.',
    ],
  },
  'create-api-key': {
    title: 'Luo API-avain',
    procountorPath: 'Perustiedot (oikea yläkulma) > API-asiakasavaimet > Uusi API-avain',
    instructions: [
      'Valitse Uusi API-avain ja valitse tekninen API-käyttäjä.',
      'Kun Procountor kysyy asiakastunnistetta (Client identifier, Client ID), anna täsmälleen: {clientId}',
      'Valitse Luo ja kopioi API-avain. Se näytetään vain kerran: liitä se ennen kuin suljet ikkunan.',
    ],
  },
  'enable-documents': {
    title: 'Ota Dokumentit-ominaisuus käyttöön (PDF-liitteitä varten)',
    procountorPath: 'Hallinta > Yrityksen perustiedot > Käytön asetukset > Dokumentit',
    instructions: [
      'Ota Dokumentit-ominaisuus käyttöön, jos laskuilla on PDF-liitteitä. Ominaisuudesta voi tulla maksu.',
    ],
  },
  'paste-api-key': {
    title: 'Liitä API-avain siirtopalveluun',
    instructions: [
      'Liitä kopioitu API-avain tähän yhteyteen (konsolissa tai PUT /v1/connections/{connectionId}/credentials).',
      'Avain tallennetaan salattuna, ja siitä näytetään vain neljä viimeistä merkkiä.',
    ],
  },
  'test-and-activate': {
    title: 'Testaa yhteys ja ota se käyttöön',
    instructions: [
      'Valitse Ota käyttöön (POST /v1/connections/{connectionId}/activate). Siirtopalvelu lukee yrityksen tiedot ja pankkitilit Procountorista.',
      'Jos Procountor hylkää avaimen, tarkista, että se on luotu asiakastunnisteella {clientId}, ettei se ole vanhentunut tai mitätöity ja että laskutettavat API-asiakkaat on sallittu.',
      'Kun avain on myöhemmin vaihdettava (vanhentunut tai vaarantunut), luo uusi samalla tavalla ja liitä se: siirrot jatkuvat vanhalla avaimella, kunnes uusi hyväksytään.',
    ],
  },
};
