import type { TextTemplate } from "./template.ts";

/**
 * Support ticket text in German, French and Spanish, per category (same names as the English
 * categories), for accounts in those countries. A frustrated ticket gets the language's
 * frustrated closing line appended.
 */
export const INTL_TICKETS: Record<string, Record<string, TextTemplate>> = {
  de: {
    login_access: {
      subject: "Anmeldung nicht möglich",
      body: "Hallo, seit heute Morgen kann ich mich nicht mehr anmelden. Die Seite meldet Fehler {code}. Können Sie bitte helfen? Viele Grüße, {first}",
    },
    billing: {
      subject: "Frage zur Rechnung {invoice}",
      body: "Guten Tag, auf der Rechnung {invoice} sind {seats} Lizenzen aufgeführt, wir haben aber weniger gebucht. Bitte prüfen Sie das.",
    },
    bug: {
      subject: "Fehler beim Speichern",
      body: "Beim Speichern eines Kontakts erscheint Fehler {code}. Das Problem tritt seit dem letzten Update auf.",
    },
    feature_request: {
      subject: "Wunsch: eigene Felder in {feature}",
      body: "Es wäre sehr hilfreich, wenn {feature} eigene Felder unterstützen würde. Ist das geplant?",
    },
    integration: {
      subject: "Synchronisation funktioniert nicht",
      body: "Die Synchronisation mit unserem ERP läuft seit Montag nicht mehr. Fehlercode {code}.",
    },
    performance: {
      subject: "System sehr langsam",
      body: "Das Dashboard lädt seit gestern extrem langsam. Gibt es eine Störung?",
    },
    data_import: {
      subject: "Import überspringt Zeilen",
      body: "Beim CSV-Import fehlen etwa 150 Kontakte. Das Protokoll nennt keinen Grund.",
    },
    how_to: {
      subject: "Wie richte ich Gebiete ein?",
      body: "Wir möchten neue Leads nach Gebiet an unsere Vertriebler verteilen. Wo stelle ich das ein?",
    },
    cancellation: {
      subject: "Kündigung zum Vertragsende",
      body: "Bitte teilen Sie uns mit, wie wir unser Abonnement zum Ende der Laufzeit kündigen können.",
    },
  },
  fr: {
    login_access: {
      subject: "Impossible de me connecter",
      body: "Bonjour, depuis ce matin je ne peux plus me connecter. Le message d'erreur indique {code}. Pouvez-vous m'aider ? Cordialement, {first}",
    },
    billing: {
      subject: "Question sur la facture {invoice}",
      body: "Bonjour, la facture {invoice} compte {seats} licences alors que nous en avons réduit le nombre. Merci de vérifier.",
    },
    bug: {
      subject: "Erreur à l'enregistrement",
      body: "L'enregistrement d'un contact échoue avec l'erreur {code} depuis la dernière mise à jour.",
    },
    feature_request: {
      subject: "Demande : champs personnalisés dans {feature}",
      body: "Serait-il possible d'ajouter des champs personnalisés à {feature} ? C'est important pour notre équipe.",
    },
    integration: {
      subject: "La synchronisation ne fonctionne plus",
      body: "La synchronisation avec notre outil comptable est arrêtée depuis lundi, erreur {code}.",
    },
    performance: {
      subject: "Application très lente",
      body: "Le tableau de bord met plus de vingt secondes à s'afficher. Y a-t-il un incident en cours ?",
    },
    data_import: {
      subject: "Import CSV incomplet",
      body: "Notre import CSV a ignoré environ 150 lignes sans explication dans le journal.",
    },
    how_to: {
      subject: "Comment ajouter un utilisateur ?",
      body: "Comment puis-je ajouter un collègue à notre espace ? Nous avons {seats} licences.",
    },
    cancellation: {
      subject: "Résiliation de l'abonnement",
      body: "Merci de nous indiquer la marche à suivre pour résilier notre abonnement à l'échéance.",
    },
  },
  es: {
    login_access: {
      subject: "No puedo iniciar sesión",
      body: "Hola, desde esta mañana no puedo iniciar sesión. Aparece el error {code}. ¿Pueden ayudarme? Saludos, {first}",
    },
    billing: {
      subject: "Consulta sobre la factura {invoice}",
      body: "Hola, la factura {invoice} incluye {seats} licencias, pero redujimos el número el mes pasado. Por favor revisen.",
    },
    bug: {
      subject: "Error al guardar un registro",
      body: "Al guardar un contacto aparece el error {code}. Ocurre desde la última actualización.",
    },
    feature_request: {
      subject: "Solicitud: campos personalizados en {feature}",
      body: "Nos ayudaría mucho que {feature} permitiera campos personalizados. ¿Está previsto?",
    },
    integration: {
      subject: "La sincronización dejó de funcionar",
      body: "La sincronización con nuestro ERP no funciona desde el lunes. Código de error {code}.",
    },
    performance: {
      subject: "La aplicación va muy lenta",
      body: "El panel tarda más de veinte segundos en cargar. ¿Hay alguna incidencia?",
    },
    data_import: {
      subject: "La importación omite filas",
      body: "Importamos un CSV y faltan unas 150 filas. El registro no explica el motivo.",
    },
    how_to: {
      subject: "¿Cómo configuro territorios?",
      body: "Queremos asignar los leads nuevos a los comerciales por territorio. ¿Dónde se configura?",
    },
    cancellation: {
      subject: "Cancelar la suscripción",
      body: "Indíquennos por favor cómo cancelar nuestra suscripción al final del periodo.",
    },
  },
};

export const FRUSTRATED_CLOSINGS: Record<string, string> = {
  de: "Das ist bereits das zweite Mal in diesem Monat und für uns nicht akzeptabel. Bitte melden Sie sich umgehend.",
  fr: "C'est la deuxième fois ce mois-ci et ce n'est pas acceptable. Merci de nous répondre rapidement.",
  es: "Es la segunda vez este mes y no es aceptable. Necesitamos una respuesta urgente.",
};
