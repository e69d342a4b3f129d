"""The everyday phrases demo posts are put together from, in Danish and English: what people
like to do, who they are, whom they seek, practical notes and titles. The first phrases of
each list are the common ones (see `belong/demo/posts.py`)."""

from __future__ import annotations

from belong.posts.models import Motive

# What a citizen does or would like to do, per interest: (Danish, English) phrases that fit
# after "jeg kan godt lide at ..." / "I like to ...". The first ones are the common ones.
ACTIVITIES: dict[str, tuple[list[str], list[str]]] = {
    "walks-nature": (
        [
            "gå lange ture",
            "gå tur ved vandet",
            "gå en tur i skoven",
            "vandre i weekenden",
            "gå tur med termokaffe",
            "samle svampe om efteråret",
            "gå i Rold Skov",
            "se på fugle",
            "gå på stranden om morgenen",
            "cykle ud i naturen",
            "gå Hærvejen i etaper",
            "finde nye shelterpladser",
        ],
        ["go for long walks", "hike at the weekend", "walk by the sea", "watch birds"],
    ),
    "sport-exercise": (
        [
            "løbe",
            "træne i fitnesscentret",
            "spille badminton",
            "svømme om morgenen",
            "cykle landevej",
            "spille padel",
            "dyrke yoga",
            "spille fodbold for sjov",
            "tage til crossfit",
            "vinterbade",
            "spille tennis",
            "ro kajak",
            "dyrke klatring",
        ],
        ["run", "go to the gym", "play badminton", "swim", "play padel", "do yoga"],
    ),
    "culture": (
        [
            "gå på museum",
            "gå i teatret",
            "høre foredrag",
            "se udstillinger",
            "gå til koncerter på spillestedet",
            "besøge kunstmuseer",
            "gå til byvandringer",
            "se opera",
            "gå til standup",
        ],
        ["go to museums", "see plays", "go to exhibitions", "attend talks"],
    ),
    "music": (
        [
            "høre musik",
            "synge i kor",
            "spille guitar",
            "gå til koncerter",
            "spille klaver",
            "tage på festival",
            "spille i et band",
            "høre jazz",
            "spille trommer",
            "synge sammen med andre",
            "danse til livemusik",
        ],
        ["listen to music", "sing in a choir", "play the guitar", "go to concerts"],
    ),
    "creative": (
        [
            "tegne",
            "male akvarel",
            "fotografere",
            "skrive digte",
            "lave keramik",
            "male med olie",
            "sy mit eget tøj",
            "lave collager",
            "tegne portrætter",
            "skrive noveller",
        ],
        ["draw", "paint", "take photographs", "write", "make pottery"],
    ),
    "games": (
        [
            "spille brætspil",
            "spille kort",
            "spille computerspil",
            "spille rollespil",
            "spille skak",
            "spille bridge",
            "lægge puslespil",
            "spille quiz på værtshuset",
            "spille Dungeons & Dragons",
            "spille Catan",
            "spille online med andre",
        ],
        ["play board games", "play card games", "play video games", "play chess"],
    ),
    "food": (
        [
            "lave mad",
            "bage brød",
            "prøve nye caféer",
            "lave mad fra andre lande",
            "bage kager",
            "spise ude",
            "lave surdejsbrød",
            "holde fællesspisning",
            "smage på vin",
            "lave vegetarisk mad",
        ],
        ["cook", "bake bread", "try new cafés", "cook food from other countries"],
    ),
    "parenting": (
        [
            "tage på legepladsen med mine børn",
            "gå i svømmehallen med børnene",
            "finde på ting med familien",
            "gå ture med barnevognen",
            "tage i zoo med børnene",
            "tage på biblioteket med min datter",
            "tage på tur med min søn",
        ],
        ["take my kids to the playground", "go on family trips", "walk with the pram"],
    ),
    "pets": (
        [
            "gå tur med min hund",
            "træne agility med hunden",
            "ride",
            "passe katte",
            "gå til hundetræning",
            "gå i hundeskoven",
            "passe andres hunde",
        ],
        ["walk my dog", "ride horses", "train my dog"],
    ),
    "languages": (
        [
            "øve dansk",
            "tale engelsk",
            "lære spansk",
            "øve tysk",
            "lære arabisk",
            "tale fransk",
            "lære italiensk",
            "øve ukrainsk",
        ],
        ["practise Danish", "speak English", "learn Spanish", "practise German"],
    ),
    "volunteering": (
        [
            "hjælpe andre",
            "være frivillig",
            "hjælpe i den lokale forening",
            "lave lektiehjælp",
            "besøge ældre",
            "hjælpe til i genbrugsbutikken",
            "være træner for børn",
            "samle skrald på stranden",
        ],
        ["volunteer", "help others", "help out at the local club"],
    ),
    "faith-philosophy": (
        [
            "tale om livet",
            "gå i kirke",
            "meditere",
            "læse filosofi",
            "diskutere de store spørgsmål",
            "gå til studiekreds",
        ],
        ["talk about life", "meditate", "read philosophy"],
    ),
    "tech": (
        [
            "programmere",
            "bygge computere",
            "lege med elektronik",
            "lære om AI",
            "reparere ting",
            "bygge med Arduino",
            "3D-printe",
        ],
        ["code", "build computers", "tinker with electronics"],
    ),
    "travel": (
        [
            "rejse",
            "tage på weekendture",
            "planlægge rejser",
            "tage på camping",
            "rejse med tog i Europa",
            "tage på road trip",
            "opleve nye byer",
        ],
        ["travel", "go on weekend trips", "go camping"],
    ),
    "books": (
        [
            "læse",
            "læse krimier",
            "gå i læseklub",
            "høre lydbøger",
            "læse fantasy",
            "tale om bøger",
            "læse klassikere",
            "læse biografier",
        ],
        ["read", "read crime novels", "join a book club"],
    ),
    "film-series": (
        [
            "se film",
            "gå i biografen",
            "se serier",
            "se gamle film",
            "se dokumentarer",
            "gå i filmklub",
        ],
        ["watch films", "go to the cinema", "watch series"],
    ),
    "gardening": (
        [
            "arbejde i haven",
            "dyrke grøntsager",
            "passe min kolonihave",
            "så frø",
            "passe stueplanter",
            "dyrke tomater",
            "bytte stiklinger",
        ],
        ["garden", "grow vegetables", "look after my allotment"],
    ),
    "coffee-talk": (
        [
            "drikke kaffe og snakke",
            "mødes over en kop kaffe",
            "få en god snak",
            "sidde på en café",
            "gå en tur og snakke",
            "mødes til brunch",
        ],
        ["have coffee and a chat", "meet for coffee", "have a good talk"],
    ),
    "dance": (
        [
            "danse",
            "danse salsa",
            "danse swing",
            "gå til zumba",
            "danse folkedans",
            "danse tango",
            "danse linedance",
        ],
        ["dance", "dance salsa", "dance swing"],
    ),
    "crafts": (
        [
            "strikke",
            "hækle",
            "sy",
            "lave træarbejde",
            "brodere",
            "lave smykker",
            "væve",
            "snitte i træ",
        ],
        ["knit", "crochet", "sew", "do woodwork"],
    ),
    "fishing-hunting": (
        [
            "fiske",
            "fiske havørred",
            "sejle",
            "gå på jagt",
            "fiske fra molen",
            "tage på fisketur",
            "sove i shelter",
            "bruge tid i naturen",
        ],
        ["fish", "go sailing", "spend time outdoors"],
    ),
    "health": (
        [
            "passe på mig selv",
            "meditere",
            "gå til yoga",
            "spise sundt",
            "tale om trivsel",
            "gå til mindfulness",
            "komme ud og få luft",
        ],
        ["meditate", "do yoga", "go to the sauna"],
    ),
}

# Who I am: {age} and {town} are filled in per post.
INTRO_DA = [
    "Jeg er {age} år og bor i {town}.",
    "Jeg er {age} og nyflyttet til {town}.",
    "Jeg hedder {name} og er {age} år.",
    "Jeg er {age} og har boet i {town} i mange år.",
    "Jeg er lige flyttet til {town} for et nyt job og kender næsten ingen.",
    "Jeg er {age} år, og mine børn er flyttet hjemmefra.",
    "Jeg er {age} og studerer i {town}.",
    "Jeg er gået på pension og har fået mere tid.",
    "Jeg er {age} og arbejder som sygeplejerske.",
    "Jeg er {age} og arbejder hjemmefra, så dagene bliver lidt stille.",
    "Jeg er {age} og er lige blevet skilt.",
    "Jeg er {age} år og er flyttet hertil fra Ukraine.",
    "Vi er en lille familie, der er flyttet til {town}.",
    "Jeg er {age} og på barsel med min første.",
    "Jeg er {age} og arbejder på et lager i {town}.",
    "Jeg er {age} og har lige fået en hund.",
]
INTRO_GENDERED_DA = {
    "woman": ["Jeg er en kvinde på {age} fra {town}.", "Jeg er mor til to og bor i {town}."],
    "man": ["Jeg er en mand på {age} fra {town}.", "Jeg er far til to og bor i {town}."],
}
INTRO_YOUTH_DA = [
    "Jeg er {age} og går i 9. klasse.",
    "Jeg er {age} og går på gymnasiet i {town}.",
    "Jeg er {age} og er lige startet på efterskole.",
    "Jeg er {age} år og er ny i klassen.",
    "Jeg er {age} og går på HF i {town}.",
]
INTRO_EN = [
    "I am {age} and new in {town}.",
    "I moved to {town} for work and do not know many people yet.",
    "I am {age}, from abroad, and I live in {town}.",
    "I am a {age} year old student in {town}.",
]
LIKES_DA = [
    "Jeg kan godt lide at {a}.",
    "I min fritid elsker jeg at {a}.",
    "Jeg vil gerne {a} noget mere.",
    "Jeg har altid godt kunnet lide at {a}.",
    "Om søndagen plejer jeg at {a}.",
    "Det bedste jeg ved er at {a}.",
]
LIKES_EN = ["I like to {a}.", "In my spare time I love to {a}.", "I would like to {a} more."]
TRAITS_DA = [
    "Jeg er lidt stille i starten, men snakker gerne.",
    "Jeg er glad og nysgerrig.",
    "Jeg griner meget og tager ikke mig selv så højtideligt.",
    "Jeg er rolig og en god lytter.",
    "Jeg er ret genert, så det er lidt svært for mig at skrive det her.",
    "Mine venner siger, jeg er hjælpsom og lidt skør.",
    "Jeg er morgenmenneske.",
    "Jeg er ordblind, så bær over med stavningen.",
    "Jeg har en skæv humor.",
    "Jeg er vegetar og elsker dyr.",
]
TRAITS_EN = ["I am quiet at first but happy to talk.", "I am curious and easy-going."]
# Whom I seek, per motive; {a} is an activity.
SEEK_DA: dict[str, list[str]] = {
    Motive.FRIEND: [
        "Jeg søger en ven at {a} med.",
        "Jeg savner nogen at snakke med og {a} sammen med.",
        "Jeg vil gerne lære nye mennesker at kende, som også kan lide at {a}.",
        "Jeg søger en veninde i nærheden.",
        "Kunne du tænke dig en ny ven? Så skriv endelig.",
    ],
    Motive.ACTIVITY: [
        "Jeg søger en at {a} med.",
        "Er der nogen, der vil {a} sammen en gang om ugen?",
        "Jeg mangler en makker til at {a}.",
        "Jeg søger et par stykker, der vil {a} i weekenden.",
    ],
    Motive.GROUP: [
        "Jeg vil gerne starte en lille gruppe, der mødes for at {a}.",
        "Jeg søger et fællesskab, hvor man kan {a}.",
        "Findes der en gruppe her, hvor man kan {a}?",
    ],
    Motive.MEMBERS: [
        "Vores forening søger nye medlemmer, der vil {a}.",
        "Vi er en lille klub, som mødes hver tirsdag for at {a}, og der er plads til flere.",
        "Kom og prøv: vi {a} hver torsdag aften, og alle kan være med.",
    ],
    Motive.VOLUNTEERS: [
        "Vi søger frivillige, der har lyst til at {a} med andre.",
        "Har du et par timer om ugen? Vi mangler frivillige til at {a}.",
        "Foreningen søger hjælpere, gerne nogen der kan lide at {a}.",
    ],
    Motive.LANGUAGE: [
        "Jeg søger en at øve dansk med, gerne mens vi {a}.",
        "Jeg vil gerne bytte sprog: du hjælper med dansk, jeg hjælper med engelsk.",
        "Jeg søger en sprogmakker at tale med over en kop kaffe.",
    ],
    Motive.OTHER: [
        "Jeg ved ikke helt, hvad jeg søger, men måske en at {a} med.",
        "Skriv hvis du også kunne tænke dig at {a}.",
        "Jeg søger lidt selskab i hverdagen.",
    ],
}
SEEK_EN: dict[str, list[str]] = {
    Motive.FRIEND: ["I am looking for a friend to {a} with."],
    Motive.ACTIVITY: ["I am looking for someone to {a} with."],
    Motive.GROUP: ["I would like to find a group that meets to {a}."],
    Motive.MEMBERS: ["Our club is looking for new members who like to {a}."],
    Motive.VOLUNTEERS: ["We are looking for volunteers who like to {a}."],
    Motive.LANGUAGE: ["I would like a language partner to practise Danish with."],
    Motive.OTHER: ["Write to me if you would also like to {a}."],
}
PRACTICAL_DA = [
    "Jeg har mest tid om aftenen.",
    "Weekenderne passer mig bedst.",
    "Alder betyder ikke så meget.",
    "Det skal bare være hyggeligt, ingen krav.",
    "Jeg har bil og kan sagtens køre lidt.",
    "Skriv en besked, så finder vi ud af det.",
    "Gerne nogen på min egen alder.",
    "Hverdage efter kl. 16 passer mig fint.",
    "Jeg bor tæt på stationen.",
    "Vi kan starte med en kop kaffe et offentligt sted.",
    "Jeg er ikke på Facebook, så jeg prøver her.",
    "Du må gerne have børn med.",
]
PRACTICAL_EN = ["Evenings suit me best.", "Send me a message and we will find a time."]
TITLES_DA: dict[str, list[str]] = {
    Motive.FRIEND: [
        "Ny ven søges",
        "Søger veninde i {town}",
        "Ny i {town}",
        "Er der nogen der vil {a}?",
        "Søger en at snakke med",
        "Ven til hverdagen",
    ],
    Motive.ACTIVITY: [
        "Hvem vil {a}?",
        "Makker til at {a}",
        "Søger en at {a} med",
        "{A} i {town}",
    ],
    Motive.GROUP: ["Gruppe for dem der vil {a}", "Fællesskab i {town}", "Skal vi {a} sammen?"],
    Motive.MEMBERS: ["Nye medlemmer søges", "Kom og {a} med os", "Plads til flere i klubben"],
    Motive.VOLUNTEERS: ["Frivillige søges", "Hjælp os med at {a}", "Frivillig i {town}?"],
    Motive.LANGUAGE: ["Sprogmakker søges", "Øv dansk med mig", "Sprogbytte i {town}"],
    Motive.OTHER: ["Lidt selskab søges", "Noget at tage sig til i {town}", "Hej fra {town}"],
}
TITLES_EN: dict[str, list[str]] = {
    Motive.FRIEND: ["New in {town}, looking for friends", "Friend wanted"],
    Motive.ACTIVITY: ["Who wants to {a}?", "Looking for someone to {a} with"],
    Motive.GROUP: ["A group to {a} together"],
    Motive.MEMBERS: ["Our club welcomes new members"],
    Motive.VOLUNTEERS: ["Volunteers wanted"],
    Motive.LANGUAGE: ["Language exchange: Danish and English"],
    Motive.OTHER: ["Hello from {town}"],
}
