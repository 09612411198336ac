"""Word lists of the text layer: words that are never a drug name or a concept by themselves.

They sit at the bottom of the layers (text → matching → linking / NER → fields → steps), so
that the linker, the name finder and the review read the same lists without importing each
other. Norms: lower case, accents removed (``posology.text.normalize``).
"""

from __future__ import annotations

# Words that are never (part of) a drug name at the edges of a candidate run.
FUNCTION_WORDS = frozenset(
    """
    prendre prends prenez take takes taking tk give donner administrer administer appliquer apply instiller
    discharge remplacer replace changer change renouveler new nouveau nouvelle old ancien ancienne relais relayer
    inhaler faire mettre avaler swallow boire dissoudre diluer use utiliser instil instill insert
    be taken given used applied chewed dissolved swallowed inserted sucked
    infuse inject chew place swish gargle perfuser injecter
    poser coller retirer alterner macher repeat acute
    inserer introduire inhale spray put place chew sucer croquer laisser fondre dissolve massage mix melanger
    masser max maximum total puis then ensuite soit pratiquer infirmiere infirmier nurse ide idel domicile
    utilisez appliquez inhalez placez injectez instillez inserez buvez donnez faites mettez versez diluez
    dissolvez avalez croquez sucez laissez massez administrez posez collez retirez vaporisez pulverisez
    melangez agitez introduisez renouvelez
    poursuite majoration diminution introduction reprise augmentation baisse
    le la les l' de du des d' un une et ou a au aux en par pour avec sans dans sur puis then
    and or of the with in on to for by at each chaque per x ne pas se s' tab cap tablet soap
    capsule comprime gelule medicament medicaments traitement rx ordonnance medication medications
    adults adult adulte adultes children child enfant enfants nourrisson nourrissons patient patients pt pts
    preference preferablement preferentiellement preferably ideally idealement respectant respecter
    these which have changed how you your what much commonly known increase augmenter modifie modifiee
    reduce decrease wean taper lower reduire diminuer baisser
    je nous vous avons avez ai propose proposons suggere suggerons conseille recommande majorer
    please svp merci injecter injectez inject pulveriser pulverisez vaporiser vaporisez spray
    instiller instillez posologie sig start begin commencer debuter prescription
    poursuivre continuer continue reprendre resume maintenir initier cont contd below above nonsubstituable
    replaced remplace remplacee substituted switched ce cet cette this bolus extra additional clinic clinique
    continuez poursuivez reprenez ajoutez commencez debutez gardez passez baissez montez augmentez diminuez
    pouvez devez pourrez toujours
    simplifier espacer introduire
    """.split()
)
# Words describing an amount of cream ("une fine couche de Diprosone"): never part of a name.
AMOUNT_WORDS = frozenset(
    "fine couche thin layer film mince noisette quantite petite quantity amount pea sized pea-sized fingertip "
    "sparingly thinly generously liberally".split()
)
# Presentation words no alias knows on their own, written after a name ("KAYEXALATE poudre",
# "Ketoconazole shampoo", "NOVORAPID selon protocole", "Ciplox eye/ear drops"): never part of the name either.
PRESENTATION_WORDS = frozenset(
    "poudre powder solution shampoo shampooing suspension emulsion lotion mousse granules selon protocole "
    "protocol bain bouche mouthwash chewable dispersible effervescent soluble orodispersible buvable buvables "
    "injectable injectables soln contents content modified release prolonged extended sustained gastro "
    "resistant auto injector autoinjector deep eye ear nasal pdre susp buv cfc free liquid flexpen kwikpen "
    "solostar penfill flextouch quadrisecable secable pellicule pellicules enrobe enrobes sec pell pdr sol "
    "respules respule rotacaps rotacap transcaps orodisp lyoc eff efferv tube sucre sugar"  # "SANS SUCRE", "sugar free"
    " sensor sensors ivf"  # "Dexcom G6 sensors", "IVF NS" (an IV fluid)
    " sf subl"  # "Methadone 1mg/ml SF" (sugar free), "BUPRENORPHINE 2MG CPR SUBL" (a sublingual tablet: a form)
    # a French drug database's presentation words ("COLLYRE EN RECIPIENT UNIDOSE", "SOL INJ SER
    # PREREMPLIE", "PDRE ET SOLV SUSP INJ", "GELULE GASTRO-RESISTANTE", "gel gingival")
    " recipient recipients unidose unidoses preremplie preremplies prerempli seringue seringues ser inj"
    " solv solvant inhal resistante resistantes gastroresistante gastroresistant pressurise pressurisee"
    " gingival gingivale rinse dispers pellic v.t. vt dispersion medicated metered actuat actuation molle molles"
    " enrob quadrisec auric aqueous baume orodispers gomme gommes medicamenteuse medicamenteuses"
    # a US MAR's product line after the name ("Capsule Delayed Release Sprinkle", "Solution Reconstituted")
    " delayed reconstituted sprinkle disintegrating"  # RxNorm: "4 MG Disintegrating Oral Tablet"
    # a flavour after the form ("Gaviscon Advance oral suspension aniseed", "… peppermint")
    " aniseed peppermint spearmint menthol mint effv"  # "CPR EFFV": effervescent
    # dm+d: "sachets blackcurrant" (not orange, lemon: "Laxido Orange" is a name)
    " blackcurrant strawberry cherry raspberry banana vanilla tutti frutti"
    # "Fostair 100/6 pressurised inhaler", "Oral Concentrate", "SER PRE-REMPLIE" ("PRE": prefilled_prefix)
    " pressurised pressurized concentrate fatty greasy remplie remplies rempli"
    " mist gastrores"  # mistura, a liquid mixture: "Mist. Gaviscon 10-20ml tds pc"; "CPR GASTRORES"
    # a US EHR's dosage-form codes after the strength ("60 MG/ML SOSY", "24 HR TB24", "CPDR"): prefilled
    # syringe, auto-injector, pen, enteric / extended / delayed-release tablets and capsules, aerosols
    " sosy soaj sopn tbec tb24 tb12 tbcr cpdr cp12 cpcr aers aepb pt24 ptwk tbdp"
    " nebul cartridge cartridges cartouche cartouches vagin vag"  # "SOL NEBUL"; "100IU/ml Cartridge - 8 units"
    # "BIAFINE EMULS P APPLIC", "Lidocaine viscous 2%" ("Xylocaïne Visqueuse" is a brand's name), "PRE-FILLED SYRINGES"
    " emuls viscous filled prefilled".split()
)
_PREFILLED = frozenset({"remplie", "remplies", "rempli", "remplis", "filled"})  # "PRE-FILLED SYRINGES"


def prefilled_prefix(token) -> bool:
    """``PRE`` / ``pré`` glued by a hyphen to ``remplie`` ("SOL INJ SER PRE-REMPLIE"): part of a
    French presentation, never a name nor a word lost. Alone (``Pre``) it stays a word; English
    ``pre-filled`` is read by the packs (``posology.steps.packs``)."""
    doc = token.doc
    return (
        token.norm_ == "pre"
        and not token.whitespace_
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and not doc[token.i + 1].whitespace_
        and doc[token.i + 2].norm_ in _PREFILLED
    )


# Inhaler devices: part of a name before its strength ("Spiriva Respimat 2,5 µg"), a presentation
# after it ("Symbicort 200/6 Turbohaler": the name is "Symbicort", 200/6 its strengths).
DEVICE_WORDS = frozenset(
    "turbohaler evohaler accuhaler easyhaler ellipta respimat diskus handihaler breezhaler genuair spiromax "
    "nexthaler autohaler clickhaler novolizer turbuhaler hfa mdi spacer spacers volumatic aerochamber".split()
)
# the headers of a French two-zone (ALD) prescription before its drugs: "Prescriptions relatives au
# traitement de l'affection de longue durée :", "Hors ALD -", "ALD :"
ZONE_HEADERS = frozenset({"prescriptions", "prescription", "hors", "ald"})
# a medication chart's section before its bar ("REGULAR | atorvastatin …", "SHORT-TERM | …", "NIM (NURSE
# INITIATED) | …"): no drug, no posology (a status section, "CEASED |", stays the order it is)
CHART_SECTIONS = frozenset("regular short term short-term variable nim nurse initiated palliative anticipatory".split())
# A product line's form written after the name in title case ("Symbicort Aerosol"): no part of it
NAME_FORM_TAILS = PRESENTATION_WORDS | {"aerosol"}
# Release modifiers written after a strength ("Tamsulosin 400mcg MR capsules", "Tegretol 200 LP"):
# alone they never name a drug.
RELEASE_MODIFIERS = frozenset(
    "sr er xr xl cr mr lp lm dr ec gr md dt".split()
)  # md, dt: Indian mouth-dissolving, dispersible
# Verbs that end a drug name ("Mupirocin apply thin layer" → "Mupirocin").
INSTRUCTION_VERBS = frozenset(
    "prendre take give donner administrer appliquer apply instiller instil instill inhaler inhale "
    "use utiliser insert inserer mettre put spray avaler swallow dissoudre dissolve masser poser coller"
    " infuse inject chew place swish gargle perfuser injecter macher"
    " prenez utilisez appliquez inhalez placez injectez instillez inserez buvez donnez faites mettez versez"
    " diluez dissolvez avalez croquez sucez massez administrez posez collez vaporisez pulverisez"  # "Prenez 1 cp"
    " until till jusqu taper".split()  # not verbs, but they end a name the same way ("Eliquis until further notice")
    + ["due", "because", "car"]  # a reason after the name ("D/C simvastatin due to myalgia")
)

# The words that make a clause as-needed ("as needed for …", "prn", "si besoin").
NEEDED_WORDS = frozenset({"needed", "required", "prn", "sos", "besoin"})
# Words that end or never start an as-needed reason the NER found ("si besoin", "for pain").
REASON_STOP = frozenset(
    {
        "besoin",
        "necessaire",
        "needed",
        "required",
        "necessary",
        "demande",
        "de",
        "d'",
        "des",
        "du",
        "la",
        "le",
        "les",
        "l'",
        "the",
        "a",
        "an",
        "of",
        "en",
        "cas",
        "si",
        "if",
        "for",
        "pour",
        "lors",
        "sos",
        "prn",
        "when",
        "y",
        "il",
        "s'il",
        "as",
        "et",
        "and",
        "ou",
        "or",
        "max",
        "maximum",
    }
)

# Words that end the drug name an order verb governs ("STOP aspirin until …").
# what a reconciliation list says happens to a drug ("Introduction d'ELIQUIS", "Nébivolol augmenté à 5 mg",
# "CONTINUE Amlodipine", "NEW: Apixaban"): never part of its name
# Only the labels among them say nothing of the dose (noise when unexplained); a direction of change
# ("augmenté", "reduced", "dose …") not read by a rule stays a warning (CONVENTIONS §8).
# (FUNCTION_WORDS already holds new, nouveau, continue, poursuivre, changed, modifie, relais, posologie …)
CHANGE_LABELS = frozenset(
    "introduction introduit introduite poursuivi poursuivie continued started inchange inchangee unchanged"
    " tto acute".split()  # UK "to take out" (discharge medicines), a GP list's "Acute" item: a label, never a drug
)
CHANGE_WORDS = CHANGE_LABELS | frozenset(
    "augmente augmentee diminue diminuee majore majoree reduit reduite increased reduced decreased dose reducing"
    " regime regimen".split()
)

# what a product is supplied in: "2 boîtes", "1 tube" name no drug
CONTAINER_WORDS = frozenset(
    "boite boites box boxes tube tubes flacon flacons pack packs carton cartons bottle bottles".split()
)

ORDER_NAME_STOPS = frozenset(
    {
        "start",  # "STOP T. ECOSPRIN, START T. CLOPILET": a new order, never a drug the stop names
        "commencer",
        "and",
        "et",
        "until",
        "till",
        "jusqu",
        "jusqu'",
        "avant",
        "before",
        "after",
        "apres",
        "pendant",
        "definitivement",
        "temporairement",
        "immediatement",
        "progressivement",
        "now",
        "today",
        "tonight",
        "tomorrow",
        "demain",
        "for",
        "pour",
        "car",
        "because",
        "due",
        "si",
        "if",
        "en",
        "in",
        "at",
        "a",
        "on",
        "this",  # "HOLD this medication": the drug was named before
        "these",
        "that",
        "ce",
        "cette",
        "ces",
        "ni",  # "Ne pas prendre d'ADVIL ni d'autre anti-inflammatoire"
        "nor",
        "while",  # "Stop simvastatin while on clarithromycin"
        "whilst",
        "during",
        "durant",
    }
)

# Words skipped between an order verb and the drug it governs ("arrêter le Tahor").
ORDER_NAME_SKIPS = frozenset(
    {
        "le",
        "la",
        "les",
        "l'",
        "du",
        "de",
        "d'",
        "des",
        "the",
        "your",  # "Do not take your simvastatin while …"
        "votre",
        "taking",
        "giving",
        "all",
        "tab",
        "tabs",
        "cap",
        "caps",
        "inj",
        "syp",
        "cp",
        ":",
        "-",
        "–",
        "traitement",  # "Arrêter le traitement : Kardégic 160 mg": the drug is named after
        "treatment",
        "medicament",
        "medication",
    }
)

# Words a linked span drops before it is composed or aligned ("le", "de", "the").
FILLERS = frozenset(
    {
        "le",
        "la",
        "les",
        "l",
        "du",
        "des",
        "de",
        "d",
        "un",
        "une",
        "a",
        "chaque",
        "votre",
        "son",
        "sa",
        "the",
        "an",
        "each",
        "every",
        "your",
        "his",
        "her",
        "of",
        "in",
    }
)

# A renderer's field labels before a colon ("When: before breakfast", "Dose : 1 cp"): never a drug's name.
FIELD_LABELS = {
    "when",  # a renderer's labelled fields ("When: before breakfast", "Count: 1 dose", "Reason: …")
    "override",  # a dispensing cabinet's "OVERRIDE: EPINEPHrine …" (taken before the pharmacist's check)
    "administration",
    "count",
    "reason",
    "amount",
    "step",
    "phase",
    "max",
    "refills",
    "repeats",
    "renouvellement",
    "qsp",
    "site",
    "dosage",
    "dose",
    "doses",
    "frequence",
    "frequency",
    "voie",
    "route",
    "duree",
    "duration",
    "moment",
    "moments",
    "jours",
    "jour",
    "days",
    "day",
    "heure",
    "heures",
    "horaire",  # "Horaires : 08:00, 14:00, 20:00" (a hospital plan's administration times)
    "horaires",
    "time",
    "times",
    "timing",
    "schedule",
    "directions",
    "intervalle",
    "interval",
    "posologie",
    "schema",
    "taper",
    "status",
    "meds",
    "medications",
    "medicaments",
    "sig",
    "quantite",
    "quantity",
    "nombre de prises",
    "prises",
    "instructions",
    "remarque",
    "text",  # "Prescriber's text: ONE TO BE TAKEN TWICE A DAY" (a renderer's fallback to the words written)
    "texte",
    "dose maximale",
    "max dose",
    "maximum dose",
    "dose max",
    "si besoin",
    "as needed",
    "condition",
    "statut",  # "Statut : arrêté — AMLODIPINE …", "Priorité : stat — …", "Motif : effet indésirable."
    "priorite",
    "priority",
    "motif",
    "acute",  # a GP system's list: "Acute: Amoxicillin 500mg capsules - …", "Repeat: …"
    "repeat",
    "wean",  # "OxyContin wean: 20mg BD x 7 days, then …": the plan's kind, never part of the name
    "weaning",
    "titration",
    "tricycle",  # "Yasmin tricycle: 1 tab daily for 63 days …"
    "freq",  # an aged-care chart's "Dose: 1 tablet; Route: Oral; Freq: once daily; When: night"
    "prn",
    "seq",
    "sequence",
    "start",
    "cease",
    "ceased",
    "indication",
    "review",
}

# A form word written before a drug's name in Indian and pharmacy lists ("Tab. Pause 500", "Cap Omez"):
# the capitalised word after it is the name, even when it is also an order word.
FORM_PREFIX_WORDS = frozenset(
    {"tab", "tabs", "cap", "caps", "t", "c", "inj", "syp", "syrup", "susp", "cp", "cpr", "gel"}
)


# Words after a negated verb that make it advice ("ne pas prendre plus de 4 cp", "do not take with
# alcohol"), not an order (posology.fields.cues)
ADVICE_AFTER = frozenset(
    """
    plus more avec with en pendant during si if avant before apres after on sur
    within together at a au aux dans in sans without while lors for simultanement exceeding over
    """.split()
)
EVERY_DAY = frozenset({"daily", "every", "everyday", "tous", "chaque", "quotidiennement"})
EVENT_ARTICLES = frozenset({"le", "la", "les", "au", "a", "at", "the", "in", "during", "pendant"})
# A procedure a drug is not given before ("ne pas donner avant l'intervention", "before surgery")
PROCEDURES = frozenset(
    "intervention chirurgie operation surgery procedure examen scanner coloscopie endoscopie fibroscopie"
    " bloc anesthesie anaesthesia anesthesia biopsie biopsy colonoscopy endoscopy".split()
)
# A doctor's title before a name ("arrêté par Dr Martin", "as per Dr. Rao"): the prescriber, never a drug
DOCTOR_TITLES = frozenset({"dr", "dr.", "docteur", "doctor"})  # never "Pr": PR is also per rectum


def lower_case_line(tokens) -> bool:
    """Whether a line is written in lower case (a word of three letters or more in small letters):
    there a word in capitals is a name or an acronym (``RABLET D : 1 gélule``, ``via OPAT``),
    never a misspelt posology word (an OCR line in capitals: ``1 CP LE SIOR``)."""
    return any(t.is_lower and t.is_alpha and len(t.text) >= 3 for t in tokens)
