"""Chrome phrase packs for other languages: German (CHR3xx,
rules/packs/chrome_de.yaml), French (CHR4xx, chrome_fr.yaml) and Spanish
(CHR5xx, chrome_es.yaml).

Each rule runs on documents that `Document.language` identifies as its
language, so every test document carries two prose paragraphs in that
language around the line under test; on a document of another language, a
`line` rule flags only a line that is exactly one of its literal phrases in
words of its own language (the tests of a widget in another language)."""
from __future__ import annotations

from functools import cache

import pytest

from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

PROSE = {
    "de": ("Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für alle Unternehmen "
           "gelten, die mehr als fünfzig Mitarbeiter haben.",
           "Die Gewerkschaften kritisierten die Entscheidung scharf und kündigten für die kommende Woche "
           "Proteste in mehreren Städten an."),
    "fr": ("Le gouvernement a annoncé mercredi que les nouvelles règles sont entrées en vigueur pour toutes "
           "les entreprises qui ont plus de cinquante salariés.",
           "Les syndicats ont dénoncé une décision prise sans concertation et ont appelé à une grève nationale "
           "pour la semaine prochaine."),
    "es": ("El gobierno anunció el miércoles que las nuevas normas entrarán en vigor para todas las empresas "
           "que tengan más de cincuenta empleados.",
           "Los sindicatos denunciaron una decisión tomada sin diálogo y convocaron una huelga nacional para la "
           "próxima semana."),
    "en": ("The Kremlin said on Friday that it was in no rush to agree to a summit with the leaders of "
           "Ukraine, and officials in Washington said that they were still working on a date.",
           "Analysts said the remarks were a sign that Moscow was in no hurry to end the war, which has "
           "now lasted for more than three years."),
}


@cache
def chrome_rules():
    """The phrase packs, English (CHR1xx) and the three languages, loaded
    once: a line must be reported by the expected rule and by no other (the
    English pack runs on every language too)."""
    return select(all_rules(), select=["CHR1", "CHR3", "CHR4", "CHR5"])


def page(language: str, *lines: str) -> str:
    """A document in `language`: a prose paragraph, the lines, another prose paragraph."""
    first, last = PROSE[language]
    return "\n".join([first, *lines, last]) + "\n"


def found(text: str) -> list[tuple[int, str, str]]:
    """(line, code, flagged text) of every chrome diagnostic."""
    return [(d.start.line, d.code, text[d.offset:d.end_offset]) for d in lint_text(text, chrome_rules(), Config())]


def cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(code, line) for code, lines in table.items() for line in lines]


def test_packs_load_with_their_code_ranges():
    codes = {rule.code: rule for rule in chrome_rules()}
    for prefix, language in (("CHR3", "de"), ("CHR4", "fr"), ("CHR5", "es")):
        pack = [rule for code, rule in codes.items() if code.startswith(prefix)]
        assert len(pack) >= 12
        assert all(rule.languages == (language,) and rule.name.endswith(f"-{language}") for rule in pack)


# -- German -----------------------------------------------------------------------
GERMAN_FLAGGED = {
    "CHR301": ["Kommentare", "Schreibe einen Kommentar Antworten abbrechen", "12 Kommentare",
               "Kommentare lesen (1 Beitrag)", "Hinterlassen Sie einen Kommentar",
               "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
               "Du musst angemeldet sein, um einen Kommentar abzugeben.", "Name (erforderlich)",
               "Die Kommentarfunktion ist für diesen Artikel deaktiviert."],
    "CHR302": ["Teilen", "Diesen Artikel teilen", "Auf Facebook teilen In Messenger teilen Via E-Mail teilen",
               "Teilen auf WhatsApp", "Drucken", "Artikel versenden", "URL zum Kopieren", "* teilen17",
               "Rezept drucken Bei Pinterest speichern"],
    "CHR303": ["Folgen Sie uns:", "Folgen Sie uns auf Facebook und Instagram", "Folge Anna Schmidt auf X",
               "Finde uns bei Instagram",
               "* Besucht uns auf Youtube"],
    "CHR304": ["Newsletter abonnieren", "Jetzt kostenlos zum Newsletter anmelden",
               "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen und Benachrichtigungen zu erhalten.",
               "Die wichtigsten Nachrichten des Tages direkt in Ihr Postfach", "Blog via E-Mail abonnieren"],
    "CHR305": ["Jetzt abonnieren", "Anmelden | Registrieren", "Heise-Foren: Einloggen | Registrieren",
               "Bereits Abonnent? Hier anmelden", "Dieser Artikel ist nur für Abonnenten verfügbar.",
               "Passwort vergessen?"],
    "CHR306": ["Das könnte Sie auch interessieren", "Das könnte Dich auch interessieren …", "Mehr zum Thema",
               "Lesen Sie auch:", "Ähnliche Beiträge", "Meistgelesen", "Mehr von Anna Schmidt",
               "weiterlesen 5 Minuten", "Vorheriger Beitrag: Neue Regeln für Radfahrer"],
    "CHR307": ["Startseite", "Zurück", "Zum Inhalt springen", "Nach oben", "Seite 2 von 5",
               "Startseite > Politik > Ausland", "« Vorige | Nächste »", "Bild anzeigen Bild schließen"],
    "CHR308": ["Alle akzeptieren", "Cookie-Einstellungen",
               "Wir verwenden Cookies, um Ihnen ein optimales Erlebnis auf unserer Website zu bieten.",
               "Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine "
               "Verbindung zu Twitter her."],
    "CHR309": ["Datenschutzerklärung", "Kontakt:", "AGB", "Impressum | Datenschutz | AGB",
               "Telefon: +49 (40) 300 30-1141"],
    "CHR310": ["Alle Rechte vorbehalten.", "Beispiel Verlag GmbH. Alle Rechte vorbehalten.",
               "Alle Inhalte dieses Blogs stehen unter der Lizenz CC BY-SA 4.0.",
               "Nachdruck nur mit Genehmigung des Verlags."],
    "CHR311": ["Anzeige", "Werbung", "ANZEIGE - Heute mal ausgehen? Wie wäre es mit:",
               "Weiterlesen nach der Anzeige",
               "Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision vom Händler."],
    "CHR312": ["Von Anna Schmidt", "von Anna Schmidt und Peter Müller, dpa",
               "Von Anna Schmidt | 12.03.2021, 14:30 Uhr", "Ein Kommentar von Peter von der Heide",
               "Autorin: Anna Schmidt", "Über den Autor"],
    "CHR313": ["Veröffentlicht am 12.03.2021", "Aktualisiert: 01.04.2020, 14:30 Uhr",
               "Mittwoch, 12. März 2021", "11.01.2022, 09:50 Uhr / Aktualisiert am 21.01.2022, 11:39 Uhr",
               "vor 3 Stunden"],
    "CHR314": ["Lesezeit: 3 Min.", "4 Minuten Lesezeit", "Lesedauer: ca. 5 Minuten"],
    "CHR315": ["Foto: dpa", "Bild: Jahr Media", "(Bild: Hersteller)", "Fotos: picture alliance / Anna Schmidt",
               "Quelle: Landesregierung", "APA/Georg Hochmuth"],
    "CHR316": ["Themen: Ukraine, Russland, Diplomatie", "Schlagwörter: Energiewende, Klimaschutz"],
}

GERMAN_NOT_FLAGGED = [
    "Die Kommentare des Ministers wurden am Montag veröffentlicht.",
    "Beide Parteien teilen die Sorge der Gewerkschaften.",
    "Von Menschen und Tieren",
    "Von Berlin aus fuhr der Zug weiter nach Hamburg.",
    "Von Anna Schmidt stammt die Idee, die Straße zu sperren.",
    "Die Anzeige wurde am Dienstag bei der Polizei erstattet.",
    "Werbung für Tabak ist in Deutschland weitgehend verboten.",
    "Quelle: die Regierung hat bestätigt, dass die Gespräche weitergehen.",
    "Zurück in Berlin, sprach der Minister vor der Presse.",
    "Der Newsletter des Vereins erscheint einmal im Monat.",
    "Wir verwenden Mehl, Zucker und Butter für den Teig.",
    "Mehr als hundert Menschen wurden verletzt.",
    "Weitere Informationen gab die Polizei nicht bekannt.",
    "Am 12.03.2021 wurde das Gesetz verabschiedet.",
    "Folgen Sie dem Weg bis zur Kapelle.",
    "Finden Sie Ihren Weg auf der Karte",
    "Olaf Scholz jetzt auf TikTok",
    "Alle Rechte und Pflichten gehen auf den Käufer über.",
    "Lesen Sie auch die Packungsbeilage, bevor Sie das Mittel einnehmen.",
    "Kontaktlos bezahlen wird immer beliebter.",
    "Diskussion",
    "Karriere",
    "Plus",
    "Schreiben Sie einen Kommentar, sagte die Lehrerin zu den Kindern.",
]


@pytest.mark.parametrize("code, line", cases(GERMAN_FLAGGED))
def test_german_chrome_line_is_flagged(code, line):
    assert found(page("de", line)) == [(2, code, line)]


@pytest.mark.parametrize("line", GERMAN_NOT_FLAGGED)
def test_german_prose_with_chrome_words_is_not_flagged(line):
    assert found(page("de", line)) == []


def test_german_credit_closing_a_caption_is_flagged_alone():
    caption = "Rust am Westufer des Neusiedler Sees. Foto: Timur | flickr | CC BY 2.0"
    assert found(page("de", caption)) == [(2, "CHR315", "Foto: Timur | flickr | CC BY 2.0")]


@pytest.mark.parametrize("line", ["Kommentare", "Teilen", "Von Anna Schmidt", "Mehr zum Thema",
                                  "Veröffentlicht am 12.03.2021", "Foto: dpa"])
def test_german_rules_do_not_run_on_an_english_document(line):
    assert not any(code.startswith("CHR3") for _, code, _ in found(page("en", line)))


# -- French -----------------------------------------------------------------------
FRENCH_FLAGGED = {
    "CHR401": ["Commentaires", "Laisser un commentaire Annuler la réponse", "12 commentaires",
               "Vos réactions (11)", "Votre adresse e-mail ne sera pas publiée.",
               "Vous devez être connecté pour publier un commentaire.", "Soyez le premier à réagir"],
    "CHR402": ["Partager", "Partager sur Facebook", "Tweeter", "Imprimer cet article", "Envoyer par e-mail",
               "* Envoyer :Mail", "Partager | Tweeter | Imprimer"],
    "CHR403": ["Suivez-nous", "Suivez-nous sur Facebook et Instagram", "Suivre le Monde sur Twitter",
               "@lemondefr Suivre @lemondefr"],
    "CHR404": ["Inscrivez-vous à notre newsletter quotidienne", "Votre adresse e-mail",
               "L'actu Libé tous les matins par email",
               "Recevez chaque matin l'essentiel de l'actualité directement dans votre boîte mail."],
    "CHR405": ["S'abonner", "Se connecter", "Connexion / Inscription", "S'abonner au Monde à partir de 1 €",
               "Abonnez-vous à Libération A partir d'un 1€ le premier mois", "Déjà abonné ?",
               "Cet article est réservé aux abonnés.", "Mot de passe oublié ?"],
    "CHR406": ["Lire aussi", "À lire aussi : Le Conseil constitutionnel censure la loi", "Sur le même sujet",
               "Les plus lus", "Article suivant", "Vous aimerez aussi", "A la une de Libération"],
    "CHR407": ["Accueil", "Retour", "Rechercher :", "Haut de page", "Aller au contenu principal",
               "Page 2 sur 5", "Accueil > Actualités > Monde"],
    "CHR408": ["Tout accepter", "Paramétrer les cookies",
               "En poursuivant votre navigation sur ce site, vous acceptez l’utilisation de cookies.",
               "Nous utilisons des cookies pour améliorer votre expérience."],
    "CHR409": ["Mentions légales", "Politique de confidentialité", "Contact", "Mentions légales | CGU | Contact"],
    "CHR410": ["Tous droits réservés.", "Thème Simple. Fourni par Blogger.", "Propulsé par WordPress",
               "Le Journal 2024 - Tous droits réservés",
               "Reproduction interdite sans autorisation."],
    "CHR411": ["Publicité", "Contenu sponsorisé", "La suite après cette publicité"],
    "CHR412": ["Par Sébastien Farcis", "Par Martin Untersinger (avec Damien Leloup et Morgane Tual)",
               "Par Anne Dupont, AFP", "Récit Par Pierre Alonso", "Auteur : Anne Dupont",
               "Propos recueillis par Anne Dupont"],
    "CHR413": ["Publié le 30 avril 2015 à 07h19", "28 février 2019 à 20:36",
               "AFP 30 avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)",
               "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par Martin Untersinger",
               "Il y a 3 heures"],
    "CHR414": ["Temps de lecture : 3 min", "5 min de lecture"],
    "CHR415": ["Crédit photo : Anne Dupont", "Infographie : Le Monde", "(photo DR)"],
}

FRENCH_NOT_FLAGGED = [
    "Les commentaires du ministre ont été publiés lundi.",
    "Les deux partis partagent la même analyse.",
    "Par ailleurs, le ministre a annoncé une réforme.",
    "Par le Nord",
    "La publicité pour le tabac est interdite depuis 1991.",
    "Source : le gouvernement a confirmé que les négociations se poursuivent.",
    "Le 30 avril 2015, le séisme a frappé le Népal.",
    "Suivre le Tour de France reste une passion pour des millions de personnes.",
    "Le site, fourni par la mairie, est propulsé par une équipe de bénévoles.",
    "Retrouvez Marie Dupont sur scène à l'Olympia",
    "Retour sur une semaine agitée à l'Assemblée nationale.",
    "Accueil chaleureux pour le président à Marseille.",
    "Tous droits réservés aux auteurs, a rappelé le tribunal dans sa décision.",
    "Plus de cent personnes ont été blessées.",
    "Lire aussi les conclusions du rapport publié en mars.",
    "Plus",
]


@pytest.mark.parametrize("code, line", cases(FRENCH_FLAGGED))
def test_french_chrome_line_is_flagged(code, line):
    assert found(page("fr", line)) == [(2, code, line)]


@pytest.mark.parametrize("line", FRENCH_NOT_FLAGGED)
def test_french_prose_with_chrome_words_is_not_flagged(line):
    assert found(page("fr", line)) == []


def test_french_credit_closing_a_caption_is_flagged_alone():
    caption = "Un Népalais prie à Katmandou, le 30 avril 2015. (Photo Prakash Mathema. AFP)"
    assert found(page("fr", caption)) == [(2, "CHR415", "(Photo Prakash Mathema. AFP)")]


@pytest.mark.parametrize("line", ["Commentaires", "Partager", "Lire aussi", "Par Anne Dupont"])
def test_french_rules_do_not_run_on_a_german_document(line):
    assert not any(code.startswith("CHR4") for _, code, _ in found(page("de", line)))


# -- Spanish ----------------------------------------------------------------------
SPANISH_FLAGGED = {
    "CHR501": ["Comentarios", "Deja un comentario Cancelar respuesta", "12 comentarios",
               "Regístrate o inicia sesión para comentar", "Comentar este artículo 1 comentario",
               "Tu dirección de correo electrónico no será publicada.",
               "Para poder comentar tenés que ingresar con tu usuario de LA NACION."],
    "CHR502": ["Compartir", "Compartir en Facebook", "Imprimir", "Enviar por correo", "Compartir | Tuitear | Imprimir"],
    "CHR503": ["Síguenos", "Síguenos en Facebook y Twitter",
               "Siguenos en Telegram, Instagram, Facebook y Twitter para recibir en directo todas nuestras "
               "actualizaciones", "Sigue a Ana Pérez en X"],
    "CHR504": ["Suscríbete a nuestro boletín", "Recibí por mail las noticias que impactan", "Tu correo electrónico",
               "Recibe cada mañana las noticias más importantes directamente en tu correo."],
    "CHR505": ["Suscríbete", "Iniciar sesión", "Ingresar | Suscribite", "¿Ya eres suscriptor?",
               "Suscríbase para acceso digital ilimitado – solo $2 por 2 meses.",
               "Contenido exclusivo para suscriptores"],
    "CHR506": ["Te puede interesar", "LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández en el MDC de Nueva York",
               "Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo estadounidense",
               "Noticias relacionadas", "Las más leídas", "Más sobre Conflicto mapuche",
               "Siguiente artículo: Si quieres un iPhone X, ya no tendrás que esperar tanto"],
    "CHR507": ["Inicio", "Volver", "Buscar", "Volver arriba", "Saltar al contenido", "Página 2 de 5",
               "Inicio > Noticias > Mundo", "Escucha esta nota aquí"],
    "CHR508": ["Aceptar todas", "Configuración de cookies",
               "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
               "Si continúa navegando, consideramos que acepta su uso."],
    "CHR509": ["Aviso legal", "Política de privacidad", "Contacto", "Aviso legal | Privacidad | Contacto"],
    "CHR510": ["Todos los derechos reservados.", "2022 - Todos los derechos reservados.",
               "TODOS LOS DERECHOS RESERVADOS 2021", "Prohibida su reproducción total o parcial."],
    "CHR511": ["Publicidad", "Contenido patrocinado", "La nota continúa después de la publicidad"],
    "CHR512": ["Por Ana Pérez", "Por Ana Pérez y Juan García, EFE", "Por César Salza | 12/03/2021",
               "Autor: Ana Pérez", "Sobre el autor"],
    "CHR513": ["Publicado el 1 de diciembre de 2017", "1 de diciembre de 2017 3:00 AM PST",
               "Lunes 02 Mayo, 2022", "Actualizado: 12/03/2021 - 14:30", "Hace 3 horas"],
    "CHR514": ["Tiempo de lectura: 3 min", "5 minutos de lectura"],
    "CHR515": ["Fuente: INE", "Crédito: Archivo", "Foto: ATON", "Hector Andrade | Agencia UNO"],
    "CHR516": ["Etiquetas:", "Temas relacionados", "Etiquetas: Ucrania, Rusia, Diplomacia"],
}

SPANISH_NOT_FLAGGED = [
    "Los comentarios del ministro se publicaron el lunes.",
    "Ambos partidos comparten la preocupación de los sindicatos.",
    "Por eso, el ministro anunció una reforma.",
    "Por Qué Importa",
    "Por último, se ofreció que la ANP tome en cuenta a los trabajadores de Montecon.",
    "La publicidad de tabaco está prohibida desde 2005.",
    "Fuente: el gobierno confirmó que las negociaciones continúan.",
    "El 1 de diciembre de 2017 se aprobó la ley.",
    "Más de cien personas resultaron heridas.",
    "Inicio de la temporada de lluvias en la capital.",
    "Todos los derechos reservados a los autores fueron respetados, dijo el juez.",
    "Twitter",
    "Ver para creer, dijo el entrenador tras el partido.",
    "Sigue a Messi en el Mundial",
]


@pytest.mark.parametrize("code, line", cases(SPANISH_FLAGGED))
def test_spanish_chrome_line_is_flagged(code, line):
    assert found(page("es", line)) == [(2, code, line)]


@pytest.mark.parametrize("line", SPANISH_NOT_FLAGGED)
def test_spanish_prose_with_chrome_words_is_not_flagged(line):
    assert found(page("es", line)) == []


@pytest.mark.parametrize("caption, credit", [
    ("Puerto de Montevideo. Foto: Archivo El País.", "Foto: Archivo El País."),
    ("Cristina Kirchner y Alberto Fernández en el Congreso (Foto: Natacha Pisarenko/Pool via REUTERS).",
     "(Foto: Natacha Pisarenko/Pool via REUTERS)."),
    ("Un grupo de pingüinos, en la Antártida el 11 de febrero pasado. EFE", "EFE"),
])
def test_spanish_credit_closing_a_caption_is_flagged_alone(caption, credit):
    assert found(page("es", caption)) == [(2, "CHR515", credit)]


@pytest.mark.parametrize("line", ["Comentarios", "Compartir", "Te puede interesar", "Por Ana Pérez"])
def test_spanish_rules_do_not_run_on_a_french_document(line):
    assert not any(code.startswith("CHR5") for _, code, _ in found(page("fr", line)))


# -- a widget in another language than the page's ------------------------------------
# A blog platform writes its widgets in the language of the blog's settings,
# not the article's: an English post on a German WordPress.com blog ends in
# `Gefällt mir:`. A line that is exactly a literal phrase of another
# language's pack, in words that are not the page's language (a function word
# or a letter of its own), is flagged by that pack's rule.
@pytest.mark.parametrize("language, line, code", [
    ("en", "Gefällt mir:", "CHR302"),  # `mir`, `ä`
    ("en", "Gefällt mir Lade...", "CHR302"),
    ("en", "Ähnliche Beiträge", "CHR306"),  # letters English does not write
    ("en", "Inscription à : Publier les commentaires (Atom)", "CHR401"),  # Blogger in French
    ("en", "Publier un commentaire", "CHR401"),  # `un`
    ("de", "Laisser un commentaire", "CHR401"),
    ("fr", "Últimas noticias", "CHR506"),
])
def test_a_widget_line_in_another_language_is_flagged(language, line, code):
    assert found(page(language, line)) == [(2, code, line)]


@pytest.mark.parametrize("language, line", [
    ("en", "Kontakt"),  # nothing in its words says German
    ("en", "Mail"),
    ("en", "Contact"),
    ("en", "Sponsored by Régie Publicité"),  # not a whole phrase of the French pack
    ("en", "12 Kommentare"),  # patterns run only on pages of their language
    ("en", "Veröffentlicht am 12.03.2021"),
    ("de", "Commentaires"),  # an é would be a letter German does not write, but there is none
    ("fr", "Comentarios"),
])
def test_a_line_without_its_own_language_is_left_alone(language, line):
    assert found(page(language, line)) == []


def test_the_foreign_widget_line_still_needs_a_known_page_language():
    assert found("Gefällt mir:\nÄhnliche Beiträge\n") == []


# -- all packs ----------------------------------------------------------------------
# The English pack runs on every language; the packs leave to it the lines it
# already reports, so that no line is reported twice.
@pytest.mark.parametrize("language, line, code", [
    ("de", "Fotos: picture alliance / dpa", "CHR103"),
    ("de", "Startseite » Politik » Ausland", "CHR101"),
    ("de", "Unser täglicher Newsletter", "CHR110"),
    ("de", "© 2023 Beispiel Verlag GmbH. Alle Rechte vorbehalten.", "CHR112"),
    ("fr", "Photo : AFP", "CHR103"),
    ("fr", "Source : Insee", "CHR103"),
    ("fr", "Recevoir la newsletter", "CHR110"),
    ("es", "Foto: Ana Pérez/EFE", "CHR103"),
    ("es", "Recibe nuestra newsletter", "CHR110"),
    ("es", "© 2022 El Diario. Todos los derechos reservados.", "CHR112"),
])
def test_lines_the_english_pack_takes_are_reported_once(language, line, code):
    assert found(page(language, line)) == [(2, code, line)]
