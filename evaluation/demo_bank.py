# ruff: noqa: E501 - questions and their translations read best one per line
"""The demo's question bank: a few knowledge questions for the modules most taught, in four
languages (STCE-10's second question is left in English only, to show how a missing
translation is marked). Each entry: module code, question, choices, index of the correct one."""

NNBSP = "\u202f"

BANK = [
    (
        "STCE-01",
        {
            "en": "What does strategic trade control enforcement aim to prevent?",
            "fr": f"Que vise à empêcher l’application des contrôles aux échanges de nature stratégique{NNBSP}?",
            "es": "¿Qué pretende impedir el control del cumplimiento en materia de comercio estratégico?",
            "ru": "Чему призвано препятствовать обеспечение соблюдения контроля в сфере стратегической торговли?",
        },
        [
            {
                "en": "The proliferation of weapons of mass destruction and their means of delivery",
                "fr": "La prolifération des armes de destruction massive et de leurs vecteurs",
                "es": "La proliferación de armas de destrucción masiva y sus sistemas vectores",
                "ru": "Распространению оружия массового уничтожения и средств его доставки",
            },
            {
                "en": "The evasion of duties on luxury goods",
                "fr": "La fraude aux droits sur les produits de luxe",
                "es": "La evasión de derechos sobre artículos de lujo",
                "ru": "Уклонению от пошлин на предметы роскоши",
            },
            {
                "en": "The sale of counterfeit trademarks",
                "fr": "La vente de contrefaçons de marques",
                "es": "La venta de marcas falsificadas",
                "ru": "Продаже контрафактных товарных знаков",
            },
        ],
        0,
    ),
    (
        "STCE-01",
        {
            "en": "Which agency is usually on the front line of enforcing strategic trade controls at the border?",
            "fr": f"Quelle administration est généralement en première ligne à la frontière{NNBSP}?",
            "es": "¿Qué organismo suele estar en primera línea en la frontera?",
            "ru": "Какое ведомство обычно находится на передовой линии на границе?",
        },
        [
            {"en": "Customs", "fr": "La douane", "es": "La aduana", "ru": "Таможня"},
            {
                "en": "The tax authority",
                "fr": "L’administration fiscale",
                "es": "La administración tributaria",
                "ru": "Налоговая служба",
            },
            {
                "en": "The central bank",
                "fr": "La banque centrale",
                "es": "El banco central",
                "ru": "Центральный банк",
            },
        ],
        0,
    ),
    (
        "STCE-03",
        {
            "en": "In which year did the Security Council adopt resolution 1540?",
            "fr": f"En quelle année le Conseil de sécurité a-t-il adopté la résolution 1540{NNBSP}?",
            "es": "¿En qué año aprobó el Consejo de Seguridad la resolución 1540?",
            "ru": "В каком году Совет Безопасности принял резолюцию 1540?",
        },
        [
            {"en": "2004", "fr": "2004", "es": "2004", "ru": "2004"},
            {"en": "1995", "fr": "1995", "es": "1995", "ru": "1995"},
            {"en": "2011", "fr": "2011", "es": "2011", "ru": "2011"},
        ],
        0,
    ),
    (
        "STCE-03",
        {
            "en": "Resolution 1540 obliges States to keep weapons of mass destruction out of whose hands?",
            "fr": f"La résolution 1540 oblige les États à empêcher l’accès aux armes de destruction massive de qui{NNBSP}?",
            "es": "¿A quién obliga la resolución 1540 a impedir el acceso a armas de destrucción masiva?",
            "ru": "Кому резолюция 1540 обязывает государства не допустить доступа к оружию массового уничтожения?",
        },
        [
            {
                "en": "Non-State actors",
                "fr": "Les acteurs non étatiques",
                "es": "Los agentes no estatales",
                "ru": "Негосударственным субъектам",
            },
            {
                "en": "Neighbouring States only",
                "fr": "Les seuls États voisins",
                "es": "Solo los Estados vecinos",
                "ru": "Только соседним государствам",
            },
            {
                "en": "International organizations",
                "fr": "Les organisations internationales",
                "es": "Las organizaciones internacionales",
                "ru": "Международным организациям",
            },
        ],
        0,
    ),
    (
        "STCE-08",
        {
            "en": "What is a dual-use item?",
            "fr": f"Qu’est-ce qu’un bien à double usage{NNBSP}?",
            "es": "¿Qué es un artículo de doble uso?",
            "ru": "Что такое товар двойного назначения?",
        },
        [
            {
                "en": "An item with both civilian and military uses",
                "fr": "Un bien ayant des usages civils et militaires",
                "es": "Un artículo con usos civiles y militares",
                "ru": "Товар, имеющий гражданское и военное применение",
            },
            {
                "en": "An item imported twice",
                "fr": "Un bien importé deux fois",
                "es": "Un artículo importado dos veces",
                "ru": "Товар, ввезённый дважды",
            },
            {
                "en": "An item classified under two tariff headings",
                "fr": "Un bien classé sous deux positions tarifaires",
                "es": "Un artículo clasificado en dos partidas arancelarias",
                "ru": "Товар, классифицируемый в двух товарных позициях",
            },
        ],
        0,
    ),
    (
        "STCE-08",
        {
            "en": "Where do officers find which dual-use items need a licence?",
            "fr": f"Où les agents trouvent-ils les biens à double usage soumis à licence{NNBSP}?",
            "es": "¿Dónde encuentran los funcionarios qué artículos de doble uso requieren licencia?",
            "ru": "Где сотрудники находят, какие товары двойного назначения требуют лицензии?",
        },
        [
            {
                "en": "In the national control list",
                "fr": "Dans la liste nationale de contrôle",
                "es": "En la lista nacional de control",
                "ru": "В национальном контрольном списке",
            },
            {
                "en": "In the bill of lading",
                "fr": "Dans le connaissement",
                "es": "En el conocimiento de embarque",
                "ru": "В коносаменте",
            },
            {
                "en": "In the commercial invoice",
                "fr": "Dans la facture commerciale",
                "es": "En la factura comercial",
                "ru": "В коммерческом счёте",
            },
        ],
        0,
    ),
    (
        "STCE-10",
        {
            "en": "Why does commodity identification matter for strategic trade control enforcement?",
            "fr": f"Pourquoi l’identification des marchandises compte-t-elle pour les contrôles stratégiques{NNBSP}?",
            "es": "¿Por qué importa la identificación de mercancías para el control del comercio estratégico?",
            "ru": "Почему идентификация товаров важна для контроля стратегической торговли?",
        },
        [
            {
                "en": "Controlled goods are often declared under vague descriptions",
                "fr": "Les biens contrôlés sont souvent déclarés sous des désignations vagues",
                "es": "Las mercancías controladas suelen declararse con descripciones vagas",
                "ru": "Контролируемые товары часто декларируются под расплывчатыми описаниями",
            },
            {
                "en": "It sets the customs value",
                "fr": "Elle fixe la valeur en douane",
                "es": "Fija el valor en aduana",
                "ru": "Она определяет таможенную стоимость",
            },
            {
                "en": "It replaces licensing",
                "fr": "Elle remplace les licences",
                "es": "Sustituye a las licencias",
                "ru": "Она заменяет лицензирование",
            },
        ],
        0,
    ),
    (
        "STCE-10",
        {"en": "Which of these can point to a risk of diversion?"},
        [
            {"en": "An end user who does not know the product's normal use"},
            {"en": "A regular customer with a long history"},
            {"en": "A shipment with complete and consistent documents"},
        ],
        0,
    ),
    (
        "STCE-11",
        {
            "en": "What does the Strategic Trade Atlas help officers do?",
            "fr": f"À quoi l’Atlas du commerce stratégique aide-t-il les agents{NNBSP}?",
            "es": "¿En qué ayuda el Atlas del Comercio Estratégico a los funcionarios?",
            "ru": "В чём Атлас стратегической торговли помогает сотрудникам?",
        },
        [
            {
                "en": "Link HS codes to control list entries",
                "fr": "Relier les codes SH aux rubriques des listes de contrôle",
                "es": "Vincular los códigos del SA con las entradas de las listas de control",
                "ru": "Сопоставлять коды ГС с позициями контрольных списков",
            },
            {
                "en": "Calculate duties",
                "fr": "Calculer les droits",
                "es": "Calcular los derechos",
                "ru": "Рассчитывать пошлины",
            },
            {
                "en": "Issue licences",
                "fr": "Délivrer des licences",
                "es": "Expedir licencias",
                "ru": "Выдавать лицензии",
            },
        ],
        0,
    ),
    (
        "STCE-12",
        {
            "en": "What is risk profiling for in strategic trade control enforcement?",
            "fr": f"À quoi sert le profilage des risques dans les contrôles stratégiques{NNBSP}?",
            "es": "¿Para qué sirve el perfilado de riesgos en el control del comercio estratégico?",
            "ru": "Для чего нужно профилирование рисков при контроле стратегической торговли?",
        },
        [
            {
                "en": "To target the shipments most likely to carry strategic goods",
                "fr": "Cibler les envois les plus susceptibles de contenir des biens stratégiques",
                "es": "Seleccionar los envíos con más probabilidad de contener mercancías estratégicas",
                "ru": "Отбирать грузы, с наибольшей вероятностью содержащие стратегические товары",
            },
            {
                "en": "To inspect every container",
                "fr": "Inspecter chaque conteneur",
                "es": "Inspeccionar cada contenedor",
                "ru": "Досматривать каждый контейнер",
            },
            {
                "en": "To clear every shipment at the same speed",
                "fr": "Dédouaner tous les envois à la même vitesse",
                "es": "Despachar todos los envíos a la misma velocidad",
                "ru": "Выпускать все грузы с одинаковой скоростью",
            },
        ],
        0,
    ),
]
