"""The words name extraction knows: heads of organisation and place names, titles, demonyms,
given names, a gazetteer, well-known bodies, and ordinary words that are capitalised only by
position. Data only; the rules that use them are in `reader.names.extract`."""

from __future__ import annotations

from reader.text import MONTH_NUMBERS

# Gaps allowed between two tokens of one name ("Abu Bakr al-Baghdadi", "Ludwig van Beethoven").
NAME_GAPS = frozenset(
    " " + p + " "
    for p in (
        "bin",
        "ibn",
        "bint",
        "al",
        "el",
        "de",
        "da",
        "do",
        "dos",
        "das",
        "des",
        "del",
        "della",
        "di",
        "van",
        "von",
        "der",
        "den",
        "van der",
        "van den",
        "von der",
        "le",
        "la",
        "du",
        "y",
        "de la",
        "ben",
        "ter",
    )
) | {" ", "\u00a0"}

# Connectors that join two capitalised runs only when a head word makes it one name; the
# value is the connector's kind as `reader.names.extract._split_connectors` decides it.
CONNECTORS = {
    " of ": "of",
    " of the ": "of",
    " for ": "for",
    " for the ": "for",
    " on ": "for",
    " to ": "to",
    " without ": "without",
    " against ": "without",
    " and ": "and",
    " & ": "and",
    " and the ": "and the",
}

# Gaps after a head word that make what follows its complement ("Centers for ..."), and the
# narrower ones after a plural noun for people ("Americans for Prosperity", never "Democrats
# on Capitol Hill").
HEAD_GAPS = frozenset(" of | of the | for | for the | on | to | without | against ".split("|"))
PEOPLE_GAPS = frozenset(" for | without | against ".split("|"))

ORG_HEADS = frozenset(
    """Ministry Movement Authority Council Court Party Agency Forum University Times News
    Organization Organisation Association Bureau Army Forces Force Group Committee Bank Inc Corp
    Corporation Company Co Ltd LLC Plc Department Office Commission Board Federation Union League
    Institute Institution Foundation Society Center Centre College School Academy Fund Service
    Services Administration Assembly Congress Parliament Senate Tribunal Police Guard Guards
    Brigades Brigade Front Alliance Coalition Network Post Journal Herald Tribune Telegraph Press
    Gazette Magazine Review Programme Program Project Initiative Airlines Airways Airline Motors
    Technologies Technology Systems Labs Media Studios Records Entertainment Partners Capital
    Holdings Group Trust Exchange Reserve Hospital Clinic Museum Church Mosque Club Team Conference
    Cabinet Navy Corps Command Directorate Secretariat Commission Chamber Embassy Consulate Mission
    Agency Unit Squad Lab Laboratory Observatory Station Broadcasting Radio TV Television Channel
    Daily Weekly Monthly Insider Wire Today Mail Express Guardian Observer Chronicle Inquirer
    Cooperation Partnership Institute Bureau Brotherhood Jihad Resistance Hezbollah Taliban
    Nations House Government Military Inc. Corp. Co. Ltd. Centers Centres Institutes Schools
    Synagogue Congregation Temple Patrol Survey Pharmaceuticals Industries Enterprises Insurance
    Bancorp Brands Communications Telecom Aerospace Dynamics Energy Petroleum Logistics
    Therapeutics""".split()
)

# Plural nouns for people that head a name before "for", "without" or "against" ("Doctors
# Without Borders", "Americans for Prosperity", "Mothers Against Drunk Driving").
PEOPLE_HEADS = frozenset(
    """Doctors Reporters Physicians Nurses Lawyers Engineers Scientists Journalists Mothers
    Fathers Parents Families Friends Veterans Citizens Students Women Workers Americans
    Democrats Republicans Conservatives Liberals Christians Muslims Jews Catholics
    Médecins""".split()
)

# Heads that take a complement after "for", "to", "on", "without" or "against" and stay one
# name ("Centers for Disease Control", "Committee to Protect Journalists").
CONNECTOR_HEADS = ORG_HEADS | frozenset(
    """Campaign Coalition Consortium Alliance Fund Movement Institute Partnership
    Society Federation Union League Organization Organisation Office Center Centre""".split()
)

# Words whose capitalised form may sit inside a name between two of its parts when the part
# before is a head ("Doctors Without Borders", "Mothers Against Drunk Driving").
CAPITAL_CONNECTORS = frozenset("For Without Against Sans".split())

# Endings of the abstract nouns that close names of bodies after "and" ("Centers for Disease
# Control and Prevention", "Organisation for Economic Co-operation and Development").
ABSTRACT_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ence",
    "ance",
    "ity",
    "ics",
    "ism",
    "ness",
    "ure",
    "ies",
    "ing",
    "ship",
    "ery",
)

# Capitalised prefixes written with a lowercase part after the hyphen inside names
# ("Co-operation", "Non-governmental").
HYPHEN_PREFIXES = frozenset("Co Non Anti Inter Multi Pan Post Pre Re Self Counter Cross".split())

# Buildings and streets that stand for the body inside them when they act ("the Pentagon
# said", "the Kremlin denied"); where nothing acts they are places ("at the White House").
OCCUPANT_KEYS = frozenset(
    """white house,pentagon,kremlin,downing street,elysee,elysee palace,blue house,zhongnanhai,
    quai d orsay,whitehall,foggy bottom,vatican,number 10""".replace("\n", " ").split(",")
)

# Company legal forms that close a name ("Citigroup Inc", "Credit Suisse Group AG"), folded.
LEGAL_FORMS = frozenset(
    """inc incorporated corp corporation co ltd limited llc llp lp plc ag sa nv se bv gmbh spa
    ab asa oyj kgaa""".split()
)

# Last words of the names of events and contests that a demonym may open ("Brazilian Grand
# Prix", "French Open", "Mexican Revolution"): there the demonym is part of the name.
EVENT_HEADS = frozenset(
    """Prix Open Championship Championships Cup Games Olympics Derby Marathon Classic Masters
    Revolution War Festival Rally""".split()
)

# Heads that are places alone but bodies after another head ("Fairfax County School District").
ORG_DISTRICTS = frozenset("District Districts".split())

# First words that make the name a body ("Temple Emanu-El", "Congregation Beth Israel").
ORG_FIRST = frozenset("Temple Congregation Synagogue Credit".split())

PLACE_HEADS = frozenset(
    """Strip Island Islands River Mountains Mountain Sea Ocean Peninsula Province County
    Street Avenue Road Square Valley Lake Bay Gulf Desert Airport Heights Hills Coast Canal Park
    Bridge Beach Harbor Harbour Port Plaza Region District City Town Village Camp Crossing
    Boulevard Blvd Drive Lane Resort Hotel Casino Stadium Arena Mall Theater Theatre Airbase
    Territories Territory Province Prefecture Oblast Governorate Borough Neighborhood
    Peninsula""".split()
)

# Head words that alone are a back-reference ("the Strip", "the Ministry"), not a name.
GENERIC_HEADS = frozenset(
    """Ministry Movement Authority Council Court Party Agency Forum University Organization
    Organisation Association Bureau Army Forces Force Group Committee Bank Department Office
    Commission Board Federation Union League Institute Institution Foundation Society Center
    Centre College School Academy Fund Service Services Administration Assembly Tribunal Police
    Government Military Brigade Brigades Front Alliance Coalition Network Company Corporation
    Programme Program Project Initiative Hospital Museum Church Mosque Club Team Conference
    Cabinet Navy Corps Command Embassy Consulate Mission Unit Squad Station House
    Republic Media""".split()
)

# Left heads that may take "of ..." after them and still be one name.
OF_HEADS = (
    ORG_HEADS
    | PLACE_HEADS
    | frozenset(
        """Secretary Minister President Director Chief Chiefs Head Bishop Prince Princess King Queen
    Duke Duchess Mayor Governor Republic Kingdom Emirate Emirates States Isle Statue Battle
    Declaration
    Treaty Bill Act House Palace Cathedral Chancellor Commissioner Speaker General""".split()
    )
)

TITLES = frozenset(
    """President Minister Secretary Ambassador Envoy Spokesman Spokeswoman Spokesperson Senator
    Sen Rep Representative Governor Gov Mayor General Gen Colonel Col Lt Lieutenant Captain Capt
    Sergeant Sgt Admiral Commander Chairman Chairwoman Chairperson Chair Director CEO Judge Mr
    Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady King Queen Prince Princess Pope Sheikh
    Shaikh Emir Sultan Rev Reverend Father Rabbi Imam Officer Detective Inspector Coach Speaker
    Premier Chancellor Attorney Commissioner Sheriff Agent Pastor Bishop Archbishop Councillor
    Councilman Councilwoman Congressman Congresswoman Assemblyman Pvt Cpl Maj Supt Constable
    Superintendent Justice Secretary-General Leader Ayatollah Dean Chef Founder Principal
    President-elect Lieut Brig Det Insp Cmdr Adm Hon Honourable Honorable Physicist Analyst
    Professor Researcher Economist Author Actor Actress Singer Rapper Producer Striker Defender
    Quarterback Pitcher Goalkeeper Manager Owner Trooper Officer Warden Diplomat Official
    Mullah Cleric Archduke Duke Duchess Count Countess Baron Baroness Marshal Ombudsman Adviser
    Advisor Counselor Counsellor Whip""".split()
)

# Words that are a title only next to another one ("Foreign Minister", "Secretary of State").
TITLE_MODIFIERS = frozenset(
    """Vice Prime Deputy Foreign Defense Defence Interior Finance Senior Special Acting Interim
    Managing Executive Former Grand Crown Chief Cabinet Assistant Associate Lieutenant Under
    Permanent Principal Regional National Supreme First Second Co Joint Ex Then Late Head
    Attorney Press Majority Minority""".split()
)

TITLE_OBJECTS = frozenset(
    """State Health Trade Economy Economic Education Justice Energy Transportation Transport
    Homeland Security Treasury Commerce Labor Labour Agriculture Culture Sports Information
    Communications Environment Development Defense Defence Interior Finance Affairs Foreign
    Staff Operations Police Intelligence Housing Immigration War Navy Army""".split()
)

PERSON_TITLES = TITLES - {"Official", "Officer", "Agent", "Leader", "Founder", "Owner"}

DEMONYMS = frozenset(
    """Chinese Palestinian Palestinians Israeli Israelis American Americans British Russian French
    German Arab Arabs Iranian Egyptian Qatari Saudi Syrian Lebanese Turkish Japanese Korean
    Indian Pakistani Afghan Iraqi Jordanian Ukrainian European Europeans African Asian Western
    Eastern Northern Southern Muslim Muslims Jewish Jews Christian Christians Islamic Arabic
    English Spanish Italian Canadian Mexican Australian Nigerian Kenyan Brazilian Emirati Yemeni
    Libyan Sudanese Dutch Swiss Swedish Norwegian Danish Finnish Polish Greek Irish Scottish Welsh
    Belgian Austrian Portuguese Hungarian Czech Romanian Bulgarian Serbian Croatian Cuban
    Venezuelan Colombian Argentine Argentinian Chilean Peruvian Ethiopian Somali Tunisian
    Algerian Moroccan Bahraini Kuwaiti Omani Kurdish Sunni Shia Shiite Hindu Sikh
    Buddhist Catholic Protestant Orthodox Russians Chinese Iranians Syrians Afghans Iraqis
    Britons Germans Ukrainians Koreans Japanese Indonesian Malaysian Thai Vietnamese Filipino
    Taiwanese Tibetan Uyghur Uighur Mongolian Kazakh Uzbek Georgian Armenian Azerbaijani
    Belarusian Lithuanian Latvian Estonian Slovak Slovenian Bosnian Albanian Macedonian
    Icelandic Scandinavian Latin Hispanic Latino Caribbean Pacific Atlantic Mediterranean
    Texan Californian Republican Republicans Democrat Democrats Democratic Conservative Liberal
    Labour Communist Socialist Zionist Jihadist Sunnis Shiites Nigerians Mexicans Canadians
    Australians Africans Asians Brits Israelis Iraqis Pakistanis Yemenis Saudis Qataris Omanis
    Kuwaitis Emiratis Bahrainis Somalis Afghanis Panamanian Panamanians Peruvians Filipinos
    Argentines Argentinians Chileans Britons Scots Welsh Swiss Dutch Danes Swedes Finns Poles
    Czechs Slovaks Greeks Turks Kurds Uzbeks Kazakhs Thais""".split()
)

SEMI_DEMONYMS = frozenset(
    {
        "Democratic",
        "Republican",
        "Conservative",
        "Liberal",
        "Labour",
        "Communist",
        "Socialist",
        "Islamic",
        "Latin",
        "Pacific",
        "Atlantic",
        "Mediterranean",
        "Caribbean",
        "Western",
        "Eastern",
        "Northern",
        "Southern",
        "Arab",
        "Arabic",
        "Orthodox",
        "Catholic",
    }
)

SUFFIXES = frozenset("jr sr ii iii iv".split())
"""Folded generational suffixes: "Donald Trump Jr" and "Donald Trump" are two people."""

PARTICLES = frozenset(
    "al el ul bin ibn bint ben abu abou de da do dos das des del della di van von der "
    "den le la du y ter the".split()
)

MONTHS = frozenset(
    [m.capitalize() for m in MONTH_NUMBERS if m != "may"]  # "May" is a name too
    + """Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs
    Fri Sat Sun""".split()
)

STOPWORDS = frozenset(
    """The A An This That These Those In On At Of For With By From To Into Onto Upon Over Under
    And Or But Nor So Yet If When While Whilst After Before Since During As Because Although
    Though Unless Until Till Whether Where Which Who Whom Whose What Why How Here There Then Now
    Also Still Even Just Only Not No Yes Some Many Most Much More Less Few All Both Each Every
    Either Neither Other Another Such Any Several Last Next First Second Third Final Earlier Later
    Meanwhile However Moreover Furthermore Additionally Currently Recently Previously Finally
    Instead Indeed Thus Therefore Hence Besides Otherwise Nevertheless Nonetheless According
    Despite Unlike Like Among Amongst Between Through Throughout Without Within Against Amid
    Amidst Across Around About Above Below Behind Beyond Near Towards Toward Via Per Please Thank
    Thanks He She It We They I You Me Him Her Us Them His Hers Its Our Ours Their Theirs My Mine
    Your Yours Let Do Does Did Is Are Was Were Be Been Being Have Has Had Will Would Shall Should
    Can Could Might Must Ought Watch Read Related See Click Share Follow Subscribe Sign Join
    Photo Photos Video Videos Image Images Source Sources Reporting Editing Writing Reading
    Updated Posted Published Advertisement Copyright Contact Home Menu Search Login Log More Less
    Today Tomorrow Yesterday Tonight Morning Evening Afternoon Night Day Week Month Year Years
    Days Weeks Months Hours Minutes Once Twice Often Always Never Sometimes Perhaps
    Maybe Well Oh Ok Okay Hi Hello Dear Mr Mrs Ms Sir Madam Breaking Exclusive Opinion Analysis
    Update Live Note Editor Editors Comment Comments Reply Story Stories Continue Caption Getty
    Picture Pictures Credit Credits Sponsored Promoted Advertisement Ad Ads Yours
    Everything Everyone Everybody Something Someone Somebody Nothing Nobody None Anyone Anything
    Whatever Whoever Wherever Whenever Hundreds Thousands Millions Dozens Scores One Two Three
    Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Fifty Hundred Thousand Million
    Billion Part Parts Chapter Section Page Figure Table Step Steps Why What Given Having Being
    Following Including Regarding Concerning Considering Compared Based Asked Told Said Says
    Speaking Writing Talking Looking Going Getting Making Taking Coming Using Trying Seeing Dear
    Best Better Bad Worst Old Small Large Full True False Sure
    Certainly Clearly Obviously Apparently Reportedly Allegedly Notably Importantly Interestingly
    Unfortunately Fortunately Sadly Happily Hopefully Basically Essentially Generally Usually
    Typically Overall Together Alone Again Already Almost Enough Too Very Quite Rather Really
    Whether Wow Ah Yeah No Nah Hmm Sorry Congratulations Welcome Goodbye Anyway Anyhow""".split()
)

# Skip these entirely: shouty labels and web furniture rather than names.
NEVER = (
    STOPWORDS
    | MONTHS
    | frozenset(
        "GMT UTC EST EDT CST CDT PST PDT BST CET CEST JST KST IST AM PM OK ET TV Email Hide "
        "Caption Credit Getty".split()
    )
)

PLACES = frozenset(
    x.strip()
    for x in """Afghanistan,Albania,Algeria,Andorra,Angola,Argentina,Armenia,Australia,Austria,
    Azerbaijan,Bahamas,Bahrain,Bangladesh,Barbados,Belarus,Belgium,Belize,Benin,Bhutan,Bolivia,
    Bosnia,Botswana,Brazil,Brunei,Bulgaria,Burkina Faso,Burundi,Cambodia,Cameroon,Canada,Chad,
    Chile,China,Colombia,Comoros,Congo,Costa Rica,Croatia,Cuba,Cyprus,Czech Republic,Czechia,
    Denmark,Djibouti,Dominica,Dominican Republic,Ecuador,Egypt,El Salvador,Eritrea,Estonia,
    Eswatini,Ethiopia,Fiji,Finland,France,Gabon,Gambia,Georgia,Germany,Ghana,Greece,Grenada,
    Guatemala,Guinea,Guyana,Haiti,Honduras,Hungary,Iceland,India,Indonesia,Iran,Iraq,Ireland,
    Israel,Italy,Ivory Coast,Jamaica,Japan,Jordan,Kazakhstan,Kenya,Kiribati,Kosovo,Kuwait,
    Kyrgyzstan,Laos,Latvia,Lebanon,Lesotho,Liberia,Libya,Liechtenstein,Lithuania,Luxembourg,
    Madagascar,Malawi,Malaysia,Maldives,Mali,Malta,Mauritania,Mauritius,Mexico,Moldova,Monaco,
    Mongolia,Montenegro,Morocco,Mozambique,Myanmar,Burma,Namibia,Nauru,Nepal,Netherlands,Holland,
    New Zealand,Nicaragua,Niger,Nigeria,North Korea,South Korea,Korea,North Macedonia,Macedonia,
    Norway,Oman,Pakistan,Palau,Palestine,Panama,Papua New Guinea,Paraguay,Peru,Philippines,
    Poland,Portugal,Qatar,Romania,Russia,Rwanda,Samoa,San Marino,Saudi Arabia,Senegal,Serbia,
    Seychelles,Sierra Leone,Singapore,Slovakia,Slovenia,Somalia,South Africa,South Sudan,Spain,
    Sri Lanka,Sudan,Suriname,Sweden,Switzerland,Syria,Taiwan,Tajikistan,Tanzania,Thailand,Togo,
    Tonga,Trinidad,Tobago,Tunisia,Turkey,Turkiye,Türkiye,Turkmenistan,Tuvalu,Uganda,Ukraine,
    United Arab Emirates,UAE,United Kingdom,UK,U.K.,Britain,Great Britain,England,Scotland,Wales,
    Northern Ireland,United States,United States of America,US,U.S.,USA,U.S.A.,America,Uruguay,
    Uzbekistan,Vanuatu,Vatican,Venezuela,Vietnam,Yemen,Zambia,Zimbabwe,Gaza,Gaza Strip,
    West Bank,Jerusalem,East Jerusalem,Golan Heights,Sinai,Crimea,Donbas,Kashmir,Tibet,Xinjiang,
    Hong Kong,Macau,Puerto Rico,Greenland,Middle East,Near East,Far East,Europe,Asia,Africa,
    North America,South America,Latin America,Central America,Oceania,Antarctica,Arctic,
    Eurasia,Balkans,Caucasus,Scandinavia,Sahel,Levant,Gulf,Persian Gulf,Red Sea,Black Sea,
    Mediterranean,Mediterranean Sea,Atlantic,Pacific,Indian Ocean,Atlantic Ocean,Pacific Ocean,
    Caribbean,Korean Peninsula,Arabian Peninsula,Horn of Africa,Southeast Asia,South Asia,
    East Asia,Central Asia,West Africa,East Africa,North Africa,Sub-Saharan Africa,Siberia,
    Beijing,Shanghai,Guangzhou,Shenzhen,Wuhan,Chengdu,Tianjin,Hangzhou,Nanjing,Hebei,Tokyo,
    Osaka,Kyoto,Hokkaido,Seoul,Pyongyang,Busan,Taipei,Manila,Jakarta,Bangkok,Hanoi,Singapore,
    Kuala Lumpur,Delhi,New Delhi,Mumbai,Kolkata,Chennai,Bangalore,Karachi,Lahore,Islamabad,
    Kabul,Kandahar,Tehran,Baghdad,Mosul,Basra,Damascus,Aleppo,Idlib,Beirut,Amman,Riyadh,Jeddah,
    Mecca,Medina,Doha,Dubai,Abu Dhabi,Muscat,Sanaa,Aden,Cairo,Alexandria,Tripoli,Benghazi,Tunis,
    Algiers,Rabat,Casablanca,Khartoum,Addis Ababa,Nairobi,Mogadishu,Lagos,Abuja,Accra,Dakar,
    Kinshasa,Johannesburg,Cape Town,Pretoria,Luanda,Harare,Kampala,Kigali,Dar es Salaam,
    Tel Aviv,Haifa,Ramallah,Nablus,Jenin,Hebron,Bethlehem,Rafah,Khan Younis,Gaza City,
    Ankara,Istanbul,Moscow,St Petersburg,Saint Petersburg,Kyiv,Kiev,Kharkiv,Odesa,Odessa,
    Minsk,Warsaw,Prague,Vienna,Budapest,Bucharest,Sofia,Belgrade,Zagreb,Athens,Rome,Milan,
    Naples,Venice,Florence,Madrid,Barcelona,Lisbon,Paris,Marseille,Lyon,Nice,Brussels,
    Amsterdam,The Hague,Hague,Rotterdam,Berlin,Munich,Hamburg,Frankfurt,Cologne,Duisburg,
    Dusseldorf,Stuttgart,Zurich,Geneva,Bern,Copenhagen,Stockholm,Oslo,Helsinki,Reykjavik,
    Dublin,London,Manchester,Liverpool,Birmingham,Leeds,Glasgow,Edinburgh,Cardiff,Belfast,
    Oxford,Cambridge,Croydon,Washington,Washington DC,New York,New York City,Los Angeles,
    Chicago,Houston,Phoenix,Philadelphia,San Antonio,San Diego,Dallas,San Francisco,Seattle,
    Boston,Miami,Atlanta,Denver,Detroit,Las Vegas,Portland,Baltimore,Pittsburgh,Cleveland,
    Cincinnati,New Orleans,Orlando,Tampa,Austin,Nashville,Minneapolis,St Louis,Kansas City,
    Sacramento,Honolulu,Anchorage,Brooklyn,Manhattan,Queens,Bronx,Silicon Valley,Hollywood,
    Toronto,Montreal,Vancouver,Ottawa,Calgary,Mexico City,Havana,Caracas,Bogota,Lima,Quito,
    Santiago,Buenos Aires,Sao Paulo,São Paulo,Rio de Janeiro,Brasilia,Montevideo,Sydney,
    Melbourne,Brisbane,Perth,Canberra,Auckland,Wellington,Alabama,Alaska,Arizona,Arkansas,
    California,Colorado,Connecticut,Delaware,Florida,Hawaii,Idaho,Illinois,Indiana,Iowa,Kansas,
    Kentucky,Louisiana,Maine,Maryland,Massachusetts,Michigan,Minnesota,Mississippi,Missouri,
    Montana,Nebraska,Nevada,New Hampshire,New Jersey,New Mexico,North Carolina,North Dakota,
    Ohio,Oklahoma,Oregon,Pennsylvania,Rhode Island,South Carolina,South Dakota,Tennessee,Texas,
    Utah,Vermont,Virginia,West Virginia,Wisconsin,Wyoming,Ontario,Quebec,British Columbia,
    Alberta,Bavaria,Catalonia,Sicily,Sardinia,Corsica,Normandy,Provence,Tuscany,Yorkshire,
    Kent,Essex,Surrey,Sussex,New England,Midwest,Bay Area,Mars,Moon,Earth,Milky Way,Jupiter,
    Saturn,Venus,Mercury,Neptune,Uranus,Pluto,Wall Street,Capitol Hill,Downing Street,
    Kremlin,White House,Pentagon,Raqqa,Homs,Deir ez-Zor,Fallujah,Ramadi,Kirkuk,Erbil,Sderot,
    Ashkelon,Ashdod,Eilat,Golan,Galilee,Negev,Nile,Euphrates,Tigris,Jordan River,Dead Sea,
    Rhine,Danube,Thames,Seine,Amazon River,Mississippi River,Hudson,Hudson River,
    Temple Mount""".split(",")
    if x.strip()
)

PLACE_KEYS = frozenset(p.casefold() for p in PLACES)
"""Folded gazetteer names: `fold(name) in PLACE_KEYS` is `is_place(name)` for a folded name."""

# Common given names across cultures: a capitalised pair starting with one is a person even when
# the article gives no title or quote. Ambiguous words ("Will", "Mark", "Bill") are left out on
# purpose; they are names often enough only with other evidence.
GIVEN_NAMES = frozenset(
    """Aaron Abdul Abdullah Abdel Abdallah Abu Adam Adrian Ahmad Ahmed Aisha Alan Albert Alex
    Alexander Alexandra Alexei Alexis Ali Alice Alicia Alison Amanda Amir Amy Ana Anastasia
    Andre Andrea Andreas Andres Andrés Andrew Andrei Andrzej Angela Angelina Anil Ann Anna Anne
    Annie
    Anthony Antonio Anwar Ariel Arjun Arnold Ashley Ashraf Avi Ayman Barack Barbara Benjamin
    Benny Bernard Bernie Beth Betty Bob Bobby Boris Brad Bradley Brandon Brenda Brett Brian
    Bruce Bruno Bryan Carl Carla Carlos Carmen Carol Caroline Catherine Charles Charlie
    Charlotte Chen Cheryl Chris Christian Christina Christine Christopher Chrissy Cindy
    Claire Claudia Colin Craig Cristina Cynthia Daniel Daniela Danielle Danny Dave David
    Deborah Debra Dennis Derek Diana Diane Dmitry Dominic Donald Donna Doug Douglas Dylan
    Ebrahim Ed Eddie Edward Elena Eli Elijah Elizabeth Ella Ellen Elon Emily Emma Emmanuel
    Eric Erik Erin Ethan Eugene Evan Fatima Felipe Fernando Francesca Francis Francisco
    Francois Frank Franz Fred Frederick Gabriel Gabriela Gary George Georg Gerald Gerhard
    Gianni Giorgio Giovanni Giuseppe Glenn Gordon Graham Greg Gregory Gustavo Hamid Hannah
    Hans Harold Harry Harvey Hassan Heather Heinz Helen Helmut Henry Hillary Hiroshi Holly
    Howard Hugh Hugo Hussein Ian Ibrahim Igor Imran Irene Isaac Ismail Ivan Jack Jacob
    Jacqueline James Jamie Jan Jane Janet Jason Javier Jean Jeff Jeffrey Jennifer Jeremy
    Jerome Jerry Jessica Jim Jimmy Joan Joanna Joe Joel Johann Johannes John Johnny Jon
    Jonathan Jorge Jose Joseph Josh Joshua Juan Judith Julia Julian Julie Justin Kamal Karen
    Karim Karl Kate Katherine Kathleen Kathryn Katie Keith Kelly Ken Kenneth Kevin Khalid
    Kim Kimberly Klaus Kris Kristen Kurt Kyle Larry Laura Lauren Laurent Lawrence Leah Lee
    Leila Leonardo Leslie Lewis Linda Lisa Louis Louise Luca Lucas Lucy Luis Luke Lynn
    Mahmoud Maria Marie Mario Marco Marcus Margaret Maria Marian Marina Mario Marion Marisa
    Marta Martha Martin Mary Matt Matthew Maurice Max Megan Melania Melissa Mehmet Michael
    Michel Michelle Miguel Mike Mikhail Mohamed Mohammad Mohammed Monica Muhammad Mustafa
    Nadia Nancy Naomi Natalia Natalie Nathan Neil Nicholas Nick Nico Nicola Nicolas Nicole
    Nikita Nikki Nina Noah Nora Olga Oliver Olivia Omar Oscar Osama Pablo Pamela Patricia
    Patrick Paul Paula Pedro Peter Philip Philippe Pierre Pyotr Quentin Rachel Rafael Rahul
    Raj Rajesh Ralph Ramon Randy Raul Ravi Raymond Rebecca Rex Ricardo Richard Rick Rita Rob
    Robert Roberto Robin Roger Roman Romain Ron Ronald Rosa Ross Ruth Ryan Saad Salman Sam
    Samantha Samir Samuel Sandra Sanjay Sara Sarah Scott Sean Sebastian Sergei Sergey Shane
    Sharon Shinzo Shirley Simon Sofia Sophie Stanley Stefan Stephanie Stephen Steve Steven
    Sue Susan Sunil Tamara Tanya Taylor Ted Teresa Terry Theresa Thomas Tim Timothy Tina
    Todd Tom Tommy Tony Tracy Ujjwal Uma Valentina Valerie Vanessa Victor Victoria Vijay
    Vincent Vivian Vladimir Walter Wayne Wei Wendy Werner Wolfgang Xavier Yasser Yoshihiro
    Yuki Yuri Yusuf Zach Zachary Zoe Ahed Akira Aleksandr Alessandro Amina Bashar Benedict
    Benoit Boutros Carsten Chiara Cyril Dario Dmitri Dong Fabio Faisal Farah Fatma Fiona
    Gareth Hamza Haruki Hideki Hyun Ilya Ingrid Ioana Jamal Jens Jin Joachim Jung Kaori
    Kazuo Kenji Kofi Kwame Lars Lena Leonid Ling Magnus Malik Manuel Marek Mariam Masato Mei
    Min Ming Moussa Musa Nasser Nawaz Nikolai Niels Nobuo Oleg Olaf Pavel Piotr Priya Rami
    Rania Reza Sadiq Salim Sami Satoshi Seung Shigeru Shlomo Sven Takashi Tariq Tatiana
    Tomasz Ulrich Vikram Viktor Wojciech Xi Yael Yasmin Yitzhak Yosef Youssef Zaid Zainab
    Zhang Kanye Beyonce Oprah Serena Lionel Cristiano Neymar Usain Rafa Novak Roger Kobe
    LeBron Kris Ailsa Thane Carson Shinji Kylie Kendall Khloe Kourtney Rihanna""".split()
)

# Well-known armed groups and blocs whose names carry no head word.
KNOWN_ORGS = frozenset(
    key.strip()
    for key in """islamic state,isis,isil,daesh,hamas,hezbollah,hizbollah,taliban,al qaeda,al-qaeda,
    boko haram,al shabaab,nato,opec,fatah,houthis,wagner,interpol,europol,unicef,unesco,unrwa,
    who,fifa,uefa,nasa,spacex,google,apple,facebook,twitter,amazon,microsoft,samsung,tesla,
    reuters,associated press,ap,afp,agence france presse,xinhua,bloomberg,upi,dpa,efe,tass,
    yonhap,kyodo,ansa,pti,ani,ians,cnn,bbc,nbc,cbs,abc,msnbc,npr,pbs,fox news,al jazeera""".replace(
        "-", " "
    )
    .replace("\n", " ")
    .split(",")
)

# News agencies whose credit line runs into the first sentence ("(Reuters) Equifax said").
WIRES = frozenset(
    "Reuters AFP AP Xinhua Bloomberg UPI DPA EFE TASS Yonhap Kyodo ANSA PTI ANI IANS EPA".split()
)

RESIDENT_ENDINGS = ("an", "ian", "ese", "ite", "er", "ish", "i")

# Words in front of a name that describe the person and are never part of the name.
LEAD_ROLES = frozenset(
    """Former Ex Disgraced Fellow Billionaire Businessman Businesswoman Tycoon Mogul Entrepreneur
    Comedian Comedienne Filmmaker Astronaut Activist Teammate Rookie Veteran Teenager Teenage
    Superstar Celebrity Legendary Frenchman Frenchwoman Englishman Englishwoman Irishman
    Irishwoman Scotsman Scotswoman Welshman Welshwoman Dutchman Dutchwoman Briton Spaniard
    Swede Dane Brit Aussie Kiwi Pole Turk Finn Norwegian Argentine""".split()
)

# A piece made only of these is a role or an adjective ("President", "Former Chinese"), not a name.
ROLE_WORDS = TITLES | DEMONYMS | TITLE_MODIFIERS | LEAD_ROLES

# Ordinary English words that a layout or a sentence start capitalises ("Skip", "Embed",
# "Serious", "CLOSE"). Alone and unexplained they are not names. Words that are also common
# surnames or brands (Young, Brown, Apple, Shell) are left out on purpose.
COMMON_WORDS = frozenset(
    # Who news sentences open with ("Officials said", "Witnesses told"): never names alone.
    """officials police witnesses residents authorities investigators critics experts analysts
    sources protesters troops soldiers scientists researchers lawmakers doctors rescuers
    firefighters prosecutors survivors victims families students workers voters supporters
    opponents observers reporters journalists officers agents leaders members parents
    children relatives neighbours neighbors passengers organisers organizers demonstrators
    militants rebels fighters gunmen attackers suspects detectives paramedics medics
    about above accept access actually add added again agree ahead alert all allow almost
    along already also always amazing answer anyway apparently around back bad basic basically
    became become before begin behind believe below best better beyond big bottom break brief
    bring build buy call came can cancel care careful carry case caught certain change changes
    cheap check choose clear click close closed cold come comment comments complete completely
    confirm consider contact continue cookie cookies cool copy correct could create current
    caption dark deal dear decide deep delete despite did different directly do done down
    download each early easy edit either else embed empty end enlarge enough enter entire error
    even
    ever every exactly example except exclusive expand fact fair fake fall false far fast
    favorite feature featured feel few filter find fine finish first fix follow following
    forget forward free fresh from full fun funny further gallery get give glad go going gone
    good got great guide half happy hard help here hide high hold hot however huge important
    indeed inside instead invalid join just keep kind know large last late later latest learn
    least leave left less let like likely link listen little live load loading local login
    logout look lose loss lost loud low made main major make many maybe mean meanwhile media
    menu might minor miss missing more most move much must near nearly need needed never new
    newer next nice none normal not note nothing notice now off often okay old once only
    open other out outside over own page past pause pay perhaps pick play playback please plus
    popular
    possible prev previous print pull push put quick quickly quite rare rather read ready
    real really recent recommended refresh related remember remove reply report reset result
    return right sad safe same save say scroll search second see seen send serious series set
    several share short should show shut sign simple simply since skip slow small so some soon
    sorry sort special start stay step still stop strange subscribe such sudden suddenly
    support sure take tap tell than thanks that then there these thing think third though
    through thus today together too top total totally toward trending true try turn under
    unless until up update upload urgent use used useful usual usually very via video view
    wait want warning watch way well went what when where whether which while who whole why
    wide wish with within without wonder work worse worst would wow wrong yes yet""".split()
)

# Common short and long forms of one place or body, so every outlet's spelling is one name.
SYNONYMS = {
    k: v
    for v, ks in {
        "United States": "US,U.S.,USA,U.S.A.,United States of America",
        "United Kingdom": "UK,U.K.",
        "United Arab Emirates": "UAE,U.A.E.",
        "United Nations": "UN,U.N.",
        "European Union": "EU,E.U.",
        "North Korea": "DPRK,D.P.R.K.,Democratic People's Republic of Korea",
        "South Korea": "ROK,Republic of Korea",
        "United Nations Security Council": "UNSC,U.N. Security Council,UN Security Council",
    }.items()
    for k in ks.split(",")
}

SYNONYM_TARGETS = frozenset(SYNONYMS.values())

PLACE_FIRST = frozenset(
    "Cape Mount Mt Lake Port Fort Sea Gulf Bay Isle Strait Lake Gulf Mount "
    "Republic Kingdom Province State Isla Rio Lac Mont".split()
)

DIRECTIONS = frozenset(
    "North South East West Northern Southern Eastern Western Central Upper "
    "Lower Greater Global International National Federal".split()
)


def _demonym_forms(place: str) -> tuple[str, ...]:
    """The regular nationality and resident words of a folded place ("kenya" -> "kenyan")."""
    last = place[-1]
    forms = [place + "n", place + "an"] if last in "aeio" else [place + "ian", place + "ese"]
    if last == "a":
        forms = [place + "n", place[:-1] + "ian", place[:-1] + "ese"]  # Canadian, Chinese
    if last == "y":
        forms += [place[:-1] + "ian", place[:-1] + "an"]  # Italian, German
    if last == "s":
        forms.append(place[:-1] + "n")  # Texan
    if place.endswith("on"):
        forms.append(place[:-2] + "ese")  # Lebanese
    return tuple(forms)


# Folded demonyms and resident nouns, singular and plural: the listed ones and those the
# gazetteer's places form by the regular endings ("Nigerians", "Missourians", "Costa Rican").
# Given names and places that happen to share a form ("Roman", "Jordan") are left out.
DEMONYM_KEYS = frozenset(d.casefold() for d in DEMONYMS) | frozenset(
    form + plural
    for place in PLACE_KEYS
    if place.replace(" ", "").isalpha()
    for form in _demonym_forms(place)
    for plural in ("", "s")
    if len(form) >= 5
    and not (plural and form.endswith("ese"))
    and form + plural not in PLACE_KEYS
    and form.title() not in GIVEN_NAMES
)

# US state and Canadian province abbreviations (AP style and older forms). Never names:
# they qualify a place ("LAKE FOREST, Ill.", "Tampa, Fla.") or a party ("D-Calif.").
STATE_ABBREVIATIONS = frozenset(
    """Ala Ariz Ark Calif Cal Colo Conn Del Fla Ga Ida Ill Ind Kan Kans Ky La Md Mass Mich
    Minn Miss Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penn Penna Tenn Tex Vt Va Wash Wis Wisc
    Wyo Ont Que Alta Sask Man Nfld N.H. N.J. N.M. N.Y. N.C. N.D. R.I. S.C. S.D. W.Va. B.C.
    N.S. N.B. P.E.I.""".split()
)

# Abbreviations that are also words or names ("Mo Farah", "Miss", "Mass", "Del Toro"): only
# after a comma and before a stop do they abbreviate a state.
AMBIGUOUS_STATES = frozenset(
    "Cal Del Ga Ida Ind La Man Mass Miss Mo Ore Pa Penn Tex Va Wash".split()
)

# Ordinary words that open news sentences ("Heavy rain fell", "Talks stalled"); alone at a
# sentence start and nowhere else in the article, they are not names.
OPENING_WORDS = frozenset(
    """heavy strong severe light multiple various lucky honest steady rival rapid direct human
    online nearby emergency similar prior regardless apart aside tensions talks reports others
    crowds fireworks mourners worshippers flags maps scenes prayers sirens footage rescue
    weather fans guests visitors shoppers drivers commuters tourists pilgrims hundreds
    thousands dozens lawmakers senators delegates negotiators diplomats activists
    protesters""".split()
)

# Endings of plural nouns for people ("Economists", "Worshippers"): alone at a sentence start
# and never confirmed elsewhere in the article, such a word is not a name.
PEOPLE_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ians", "ees")

# Endings of common nouns and adjectives ("Tension", "Preliminary", "Shocked"):
# a word with one of them alone at a sentence start, never confirmed elsewhere in the article
# and not followed by a speech verb, is a word, not a name.
OPENING_ENDINGS = (
    "tion",
    "tions",
    "sion",
    "sions",
    "ment",
    "ments",
    "ness",
    "ity",
    "ities",
    "ism",
    "ous",
    "ive",
    "ives",
    "ful",
    "less",
    "able",
    "ible",
    "ical",
    "ial",
    "nal",
    "ic",
    "ics",
    "ed",
    "ies",
    "ary",
)

# The fifty states: "University of California, Berkeley" names a campus after the comma.
US_STATES = frozenset(
    """Alabama,Alaska,Arizona,Arkansas,California,Colorado,Connecticut,Delaware,Florida,Georgia,
    Hawaii,Idaho,Illinois,Indiana,Iowa,Kansas,Kentucky,Louisiana,Maine,Maryland,Massachusetts,
    Michigan,Minnesota,Mississippi,Missouri,Montana,Nebraska,Nevada,New Hampshire,New Jersey,
    New Mexico,New York,North Carolina,North Dakota,Ohio,Oklahoma,Oregon,Pennsylvania,
    Rhode Island,South Carolina,South Dakota,Tennessee,Texas,Utah,Vermont,Virginia,Washington,
    West Virginia,Wisconsin,Wyoming""".replace("\n", "")
    .replace("    ", "")
    .split(",")
)

# Heads of facilities: a place word before them keeps the name a place ("Cape Canaveral Air
# Force Station", "State House").
FACILITY_HEADS = frozenset("Station House Base".split())
