/**
 * Words the generator draws from: people's names, company names, industries, places, titles.
 * Kept here (and not taken from a faker library) so a book stays byte-for-byte the same across
 * dependency upgrades: faker does not promise the same seeded output between versions.
 */

function words(text: string): string[] {
  return text.trim().split(/\s+/);
}

export const FIRST_NAMES: readonly string[] = words(`
  Anna Ben Carla David Elena Felix Grace Hannah Isaac Julia Karim Laura Marco Nina Oliver Priya
  Quentin Rosa Samuel Tanja Umar Vera William Xenia Yusuf Zoe Aisha Bruno Chen Diego Emma Farah
  Gabriel Hiro Ines Jonas Kenji Lea Mateo Noah Olivia Pablo Ravi Sofia Thomas Ursula Valentina Wei
  Yara Adrian Beatriz Camille Daniel Eva Fatima Georg Helena Ivan Jasmin Kevin Lucas Maya Nikolai Omar
  Paula Rachel Stefan Tomas Uma Victor Wendy Alex Claire Ethan Freya Hugo Irene James Kathrin Liam Mia
  Nora Patrick Sara
`);

export const LAST_NAMES: readonly string[] = words(`
  Müller Smith Garcia Rossi Dubois Kowalski Nguyen Johnson Schmidt Fernandez Bianchi Martin Novak
  Tanaka Williams Fischer Lopez Ricci Bernard Nowak Kim Brown Weber Martinez Romano Petit Horvat Sato
  Jones Meyer Sanchez Colombo Durand Wójcik Chen Miller Wagner Perez Greco Leroy Kovač Suzuki Davis
  Becker Gomez Marino Moreau Lewandowski Patel Wilson Hoffmann Diaz Conti Laurent Svoboda Yamamoto
  Taylor Schulz Alvarez Costa Fontaine Andersen Singh Anderson Koch Ruiz Ferrari Girard Nielsen Ito
  Thomas Richter Moreno Esposito Lambert Larsen Khan Clark Wolf Romero Gallo Bonnet Berg Ahmed
`);

export const COMPANY_STEMS: readonly string[] = words(`
  Northwind Bluepeak Ironbridge Lumen Cedar Quantum Harbor Silverline Brightpath Redwood Atlas Nimbus
  Keystone Orbit Summit Vertex Granite Helix Beacon Crescent Falcon Evergreen Polaris Meridian Cobalt
  Sequoia Tidewater Aurora Pinnacle Riverbend Stonegate Horizon Juniper Kestrel Larkspur Maple Nova
  Oakridge Prism Quarry Sable Tandem Upland Vantage Willow Zenith Alder Basalt Copper Driftwood Ember
  Fjord Glacier Hawthorn Indigo Jasper Kinetic Lattice Mosaic Nexus Onyx Pioneer Radiant Solstice
`);

export const COMPANY_SUFFIXES: readonly string[] = words(`
  Labs Systems Logistics Health Analytics Foods Energy Robotics Media Capital Software Manufacturing
  Retail Networks Partners Bio Mobility Consulting Materials Studios Insurance Learning Travel
  Security
`);

/** Industries with their share of a typical B2B SaaS book. */
export const INDUSTRIES: readonly { name: string; weight: number }[] = [
  { name: "Software", weight: 16 },
  { name: "Financial Services", weight: 9 },
  { name: "Healthcare", weight: 8 },
  { name: "Manufacturing", weight: 9 },
  { name: "Retail & E-commerce", weight: 9 },
  { name: "Professional Services", weight: 8 },
  { name: "Logistics", weight: 6 },
  { name: "Education", weight: 5 },
  { name: "Media & Entertainment", weight: 5 },
  { name: "Energy & Utilities", weight: 4 },
  { name: "Real Estate", weight: 4 },
  { name: "Telecommunications", weight: 4 },
  { name: "Travel & Hospitality", weight: 4 },
  { name: "Nonprofit", weight: 3 },
  { name: "Public Sector", weight: 3 },
  { name: "Insurance", weight: 3 },
];

export interface Country {
  code: string;
  region: "North America" | "EMEA" | "APAC" | "LATAM";
  territory: string;
  timeZone: string;
  /** Language support tickets from this country are mostly written in. */
  language: string;
  dial: string;
  tld: string;
  /** Legal form appended to company names. */
  legal: string;
  weight: number;
}

// prettier-ignore
export const COUNTRIES: readonly Country[] = [
  { code: "US", region: "North America", territory: "NA-East", timeZone: "America/New_York", language: "en", dial: "+1", tld: "com", legal: "Inc.", weight: 22 },
  { code: "US", region: "North America", territory: "NA-West", timeZone: "America/Los_Angeles", language: "en", dial: "+1", tld: "com", legal: "Inc.", weight: 16 },
  { code: "CA", region: "North America", territory: "NA-East", timeZone: "America/Toronto", language: "en", dial: "+1", tld: "ca", legal: "Inc.", weight: 5 },
  { code: "GB", region: "EMEA", territory: "EMEA-North", timeZone: "Europe/London", language: "en", dial: "+44", tld: "co.uk", legal: "Ltd", weight: 10 },
  { code: "IE", region: "EMEA", territory: "EMEA-North", timeZone: "Europe/Dublin", language: "en", dial: "+353", tld: "ie", legal: "Ltd", weight: 2 },
  { code: "DE", region: "EMEA", territory: "DACH", timeZone: "Europe/Berlin", language: "de", dial: "+49", tld: "de", legal: "GmbH", weight: 9 },
  { code: "AT", region: "EMEA", territory: "DACH", timeZone: "Europe/Vienna", language: "de", dial: "+43", tld: "at", legal: "GmbH", weight: 2 },
  { code: "CH", region: "EMEA", territory: "DACH", timeZone: "Europe/Zurich", language: "de", dial: "+41", tld: "ch", legal: "AG", weight: 2 },
  { code: "FR", region: "EMEA", territory: "EMEA-South", timeZone: "Europe/Paris", language: "fr", dial: "+33", tld: "fr", legal: "SAS", weight: 6 },
  { code: "ES", region: "EMEA", territory: "EMEA-South", timeZone: "Europe/Madrid", language: "es", dial: "+34", tld: "es", legal: "S.L.", weight: 4 },
  { code: "NL", region: "EMEA", territory: "EMEA-North", timeZone: "Europe/Amsterdam", language: "en", dial: "+31", tld: "nl", legal: "B.V.", weight: 3 },
  { code: "SE", region: "EMEA", territory: "EMEA-North", timeZone: "Europe/Stockholm", language: "en", dial: "+46", tld: "se", legal: "AB", weight: 2 },
  { code: "AU", region: "APAC", territory: "APAC", timeZone: "Australia/Sydney", language: "en", dial: "+61", tld: "com.au", legal: "Pty Ltd", weight: 4 },
  { code: "JP", region: "APAC", territory: "APAC", timeZone: "Asia/Tokyo", language: "en", dial: "+81", tld: "jp", legal: "K.K.", weight: 2 },
  { code: "SG", region: "APAC", territory: "APAC", timeZone: "Asia/Singapore", language: "en", dial: "+65", tld: "sg", legal: "Pte Ltd", weight: 2 },
  { code: "BR", region: "LATAM", territory: "LATAM", timeZone: "America/Sao_Paulo", language: "es", dial: "+55", tld: "com.br", legal: "Ltda", weight: 3 },
  { code: "MX", region: "LATAM", territory: "LATAM", timeZone: "America/Mexico_City", language: "es", dial: "+52", tld: "mx", legal: "S.A. de C.V.", weight: 3 },
];

export const TERRITORIES = [
  "NA-East",
  "NA-West",
  "EMEA-North",
  "DACH",
  "EMEA-South",
  "APAC",
  "LATAM",
] as const;

/** Where a person working a territory sits. */
export const TERRITORY_TIME_ZONES: Record<string, string> = {
  "NA-East": "America/New_York",
  "NA-West": "America/Los_Angeles",
  "EMEA-North": "Europe/London",
  DACH: "Europe/Berlin",
  "EMEA-South": "Europe/Madrid",
  APAC: "Australia/Sydney",
  LATAM: "America/Mexico_City",
};

/** Job titles by contact role. */
export const TITLES: Record<string, readonly string[]> = {
  executive: ["CEO", "COO", "CFO", "Chief Revenue Officer", "Managing Director", "General Manager"],
  decision_maker: ["VP Operations", "VP Sales", "Head of Customer Success", "Director of IT", "VP Marketing"],
  champion: ["Sales Operations Manager", "RevOps Lead", "CRM Administrator", "Program Manager"],
  user: [
    "Account Executive",
    "Customer Success Manager",
    "Support Specialist",
    "Marketing Specialist",
    "Analyst",
  ],
  billing: ["Accounts Payable Specialist", "Finance Manager", "Procurement Manager"],
  technical: ["IT Administrator", "Solutions Architect", "Integration Engineer", "Data Engineer"],
  other: ["Office Manager", "Executive Assistant", "Consultant"],
};

export const LEAD_TITLES = [
  "Head of Sales",
  "VP Customer Experience",
  "Sales Operations Manager",
  "Marketing Director",
  "Customer Support Lead",
  "Founder",
  "IT Manager",
  "RevOps Manager",
  "COO",
  "Business Analyst",
];

export const CONSENT_SOURCES = [
  "web_form",
  "trial_signup",
  "event_badge_scan",
  "import",
  "webinar_registration",
];
export const OPT_OUT_SOURCES = ["unsubscribe_link", "preference_center", "reply_request", "complaint"];
