"""How news states facts, one sentence each, in the three scripts: what the extractor must read from them.

The sentences are written here in the manner of wire copy, Taiwanese business dailies and mainland tech
sites (not copied from any article). Each names the fact it states; the extractor must propose it, in
its direction, with the right status where the sentence only plans or reports it.
"""

from __future__ import annotations

import pytest

from computekg.graph.schema import FactStatus, RelType
from computekg.loaders.article import Article
from computekg.loaders.ingest.extractor import OfflineExtractor

S, P, M, D, INV, SUB, PCT, L, U, R, PW, L_IN = (
    RelType.SUPPLIES, RelType.PURCHASED, RelType.MANUFACTURES, RelType.DESIGNS, RelType.INVESTS_IN,
    RelType.SUBSIDIARY_OF, RelType.PROVIDES_COMPUTE_TO, RelType.LEADS, RelType.USES, RelType.RESTRICTS,
    RelType.PARTNERS_WITH, RelType.LOCATED_IN)

CONSTRUCTIONS = [
    # Traditional Chinese, Taiwanese usage
    ("廣達(2382-TW)拿下輝達GB300伺服器大單。", ("quanta", S, "nvidia")),
    ("緯穎為亞馬遜AWS主要供應商。", ("wiwynn", S, "aws")),
    ("鴻海旗下鴻佰科技負責輝達GB200機櫃組裝。", ("ingrasys", SUB, "foxconn")),
    ("日月光投控(3711-TW)獲得輝達CoWoS-L後段封測訂單。", ("ase-technology-holding", S, "nvidia")),
    ("美光HBM3E已通過輝達認證，並開始量產出貨。", ("micron", S, "nvidia")),
    ("台達電是輝達電源主要供應商之一。", ("delta-electronics", S, "nvidia")),
    ("世芯-KY為亞馬遜設計Trainium3晶片。", ("alchip", D, "aws-trainium3")),
    ("雙鴻打入Meta液冷供應鏈。", ("auras-technology", S, "meta")),
    ("超微(AMD)執行長蘇姿丰表示，MI355X將於下半年出貨。", ("lisa-su", L, "amd")),
    ("據了解，Google TPU由博通與聯發科設計、台積電代工。", ("tsmc", M, "google-tpu")),
    ("三星電子今年第三季HBM3E出貨給輝達。", ("samsung-electronics", S, "nvidia")),
    ("甲骨文向輝達採購大量GB200晶片，用於OpenAI的星際之門計畫。", ("nvidia", S, "oracle")),
    ("法人指出，廣達與緯創是谷歌TPU伺服器的主要代工廠。", ("wistron", S, "google")),
    ("MI355X採用台積電N3P製程生產。", ("tsmc", M, "amd-instinct-mi355x")),
    # Simplified Chinese
    ("据36氪报道，月之暗面近期完成新一轮融资，腾讯、阿里巴巴参与投资。", ("alibaba", INV, "moonshot-ai")),
    ("浪潮信息是字节跳动最大的服务器供应商。", ("inspur", S, "bytedance")),
    ("中芯国际为华为代工昇腾910C芯片。", ("smic", M, "huawei-ascend-910c")),
    ("阿里云为智谱提供大模型训练所需的算力。", ("alibaba-cloud", PCT, "zhipu-ai")),
    ("百度智能云已部署由昆仑芯P800组成的3万卡集群。", ("baidu-ai-cloud", U, "kunlunxin-p800")),
    ("华为昇腾910B已向科大讯飞批量供货。", ("huawei", S, "iflytek")),
    ("美国商务部宣布将摩尔线程、壁仞科技列入实体清单。", ("us-entity-list", R, "biren")),
    ("字节跳动已向英伟达订购价值超过10亿美元的GPU。", ("nvidia", S, "bytedance")),
    ("国家集成电路产业投资基金三期领投了长鑫存储的新一轮融资。", ("china-big-fund-phase-3", INV, "cxmt")),
    ("联想集团与英伟达宣布深化合作，共同推出混合式AI解决方案。", ("lenovo", PW, "nvidia")),
    ("字节跳动今年大量采购英伟达的芯片。", ("nvidia", S, "bytedance")),
    # a list of objects inside a frame ('为A、B等客户提供'): every item, not only when the frame closes on one name
    ("腾讯云目前为美团、小红书等多家客户提供推理算力。", ("tencent-cloud", PCT, "xiaohongshu")),
    ("腾讯旗下的腾讯云目前为美团、小红书等多家客户提供推理算力。", ("tencent-cloud", PCT, "meituan")),
    ("超微、博通與亞馬遜旗下Annapurna Labs分食其餘CoWoS產能。", ("annapurna-labs", SUB, "amazon")),
    # the subject of a clause without one is the sentence's topic; the object stands right after the verb
    ("三星今年HBM產能已全數售罄，主要供應輝達B200所需的HBM3E。", ("samsung-electronics", S, "nvidia")),
    ("美光表示，HBM4產品已開始供應超微MI400。", ("micron", S, "amd")),
    # a packaging house 'providing' a product-named service is a supplier (the compute reading retyped)
    ("日月光為輝達提供HBM後段測試服務。", ("ase", S, "nvidia")),
    ("京元電去年出售中國子公司京澄科技股權。", ("京澄科技", SUB, "kyec")),
    ("百度智能云今日宣布，已点亮由2万张昆仑芯P800组成的集群。", ("baidu-ai-cloud", U, "kunlunxin-p800")),
    ("超微執行長蘇姿丰在大會上發表MI355X加速器。", ("amd", D, "amd-instinct-mi355x")),
    # 'its'/其 and a title after a clause break name the topic's leader, not the firm named last
    ("Norrvik, a Stockholm-based GPU cloud, is in talks to rent capacity to Mistral AI, its chief executive, "
     "Ingrid Solberg, told Reuters.", ("Ingrid Solberg", L, "Norrvik")),
    ("鹭岑光电去年完成由深创投领投的B轮融资，其总经理邵文彬表示产能已满。", ("邵文彬", L, "鹭岑光电")),
    # a hyphenated given name; the employer before the first of a person's chained titles; a verb of telling
    ("Kwon Do-hyun, Gaon Cloud's chief executive, said demand was strong.", ("Kwon Do-hyun", L, "Gaon Cloud")),
    ("澜存创始人兼总经理贺知远表示，公司向浪潮采购了服务器。", ("贺知远", L, "澜存")),
    ("邺澜数科总经理倪泊舟告诉财新，公司已采购两千张H20。", ("倪泊舟", L, "邺澜数科")),
    # what a firm made, named as its product
    ("其余为海光信息研发的深算二号DCU。", ("hygon", D, "hygon-dcu-shensuan-2")),
    # names a story declares or shortens ('以下简称', '墨衡智能' … '墨衡'), two-character firms a descriptor found,
    # parents passed over in lists, the 片 of 芯片, a maker's name run into a longer product name
    ("芯原股份拟收购泓衡智能（以下简称“泓衡”）全部股权。泓衡的MH-200已批量供货中国移动。", ("泓衡", S, "china-mobile")),
    ("去年底已將兩層樓租給本土雲端業者雲翎，合約為期五年。雲翎部署的輝達GB200 NVL72機櫃由緯穎供應。",
     ("wiwynn", S, "雲翎")),
    ("輝達(NVIDIA)與聯發科(2454)共同研發的Arm架構PC處理器N1X，今年上半年將上市。", ("mediatek", D, "N1X")),
    ("系統整合商碩衡與通路商宏湛資訊。碩衡自去年起透過美超微經銷商宏湛資訊購入伺服器約300台。",
     ("宏湛資訊", S, "碩衡")),
    ("系統整合商碩衡。碩衡為上櫃電子通路商崴鼎持股約四成的轉投資公司。", ("崴鼎", INV, "碩衡")),
    ("研華與凌華均已推出搭載Jetson Thor的機器人控制器。", ("advantech", RelType.INTEGRATES, "nvidia-jetson-thor")),
    ("輝達為模組採購的LPDDR5X記憶體則由美光供應。", ("micron", S, "nvidia")),
    ("寒武纪推出了第一代推理芯片思元590。", ("cambricon", D, "cambricon-siyuan-590")),
    ("緯穎供應輝達GB200 NVL72機櫃。", ("wiwynn", S, "nvidia")),
    ("GPU云服务商岚序与芯片企业墨衡。红杉中国、IDG资本以及联想集团旗下的联想创投均为岚序股东。",
     ("idg-capital", INV, "岚序")),
    ("GPU云服务商岚序。超聚变与宁畅是岚序最主要的服务器供应商。", ("nettrix", S, "岚序")),
    ("GPU云服务商岚序。岚序的集群以存量英伟达H800为主。", ("岚序", U, "nvidia-h800")),
    ("GPU云服务商澜序。澜序部署约4000张H20，其中BR106由壁仞科技直接供货，H20则通过神州数码采购。",
     ("digital-china", S, "澜序")),
    ("月之暗面则通过阿里云和字节跳动旗下火山引擎获取推理资源。", ("volcano-engine", PCT, "moonshot-ai")),
    ("由袁进辉创立的推理服务平台硅基流动近期扩容。", ("袁进辉", L, "siliconflow")),
    ("澜起科技董事长杨崇和此前曾表示，互联芯片需求旺盛。", ("杨崇和", L, "montage-technology")),
    ("英業達與神達旗下神雲科技分別拿下微軟與Google新一代伺服器訂單。", ("mitac-computing", S, "google")),
    ("存储一侧，香农芯创旗下、总部位于香港的联合创泰，是SK海力士在中国大陆的主要代理商之一。",
     ("sk-hynix", S, "联合创泰")),
    ("廣明(6188)的子公司達明機器人也推出協作型機器人。", ("達明機器人", SUB, "廣明")),
    ("算力服务商珩序。珩序在招股书中将并行科技、优刻得列为主要竞争对手。", ("珩序", RelType.COMPETES_WITH, "ucloud")),
    ("環球晶在12吋市場與日本信越化學、勝高及德國世創(Siltronic)競爭。",
     ("globalwafers", RelType.COMPETES_WITH, "sumco")),
    ("無問芯穹已與摩爾線程、沐曦股份和天數智芯完成推理框架適配。", ("infinigence", PW, "metax")),
    ("芯片新创枢序微。枢序微已与中国移动研究院共同推进OISA协议的芯片实现。", ("枢序微", PW, "中国移动研究院")),
    # English: who leads, whose unit, minority owners, 'it bought from', made for, passive purchases, 'X of Place'
    ("MeitY, led by Minister Ashwini Vaishnaw, said the round was oversubscribed.", ("Ashwini Vaishnaw", L, "meity")),
    ("E2E Networks, whose managing director is Tarun Dua, said demand was strong.", ("Tarun Dua", L, "e2e-networks")),
    ("Tata Electronics, the Tata Group's semiconductor arm, is building a fab.",
     ("tata-electronics", SUB, "tata-group")),
    ("Tianmu Digital is partly owned by Shenzhen-based Huarui Capital.", ("Huarui Capital", INV, "Tianmu Digital")),
    ("YTL AI Cloud said deliveries of the GB200 systems it bought from Nvidia were on schedule.",
     ("nvidia", S, "ytl-ai-cloud")),
    ("The boards were HGX H100 baseboards that Wistron assembled for Nvidia.", ("wistron", S, "nvidia")),
    ("Sandisk, which Western Digital spun off last year, said prices rose.", ("sandisk", SUB, "western-digital")),
    ("Orvane, a Penang-based substrate maker in which Seagate took a 15% stake, said.", ("seagate", INV, "Orvane")),
    ("Seagate said the glass platters are bought from Hoya.", ("hoya", S, "seagate")),
    ("Bill Chang, chief executive of Nxera, said demand was strong.", ("Bill Chang", L, "nxera")),
    ("Kelvara, a chip startup, filed for an IPO. Kelvara's filing names Nvidia, Groq and Cerebras Systems as its "
     "main competitors.",
     ("Kelvara", RelType.COMPETES_WITH, "groq")),
    ("Cristiano Amon, Qualcomm's (QCOM.O) chief executive, said the company is in talks.",
     ("Cristiano Amon", L, "qualcomm")),
    ("Tengku Zafrul Aziz, the minister who heads MITI, said the rule was needed.",
     ("Tengku Zafrul Aziz", L, "malaysia-miti")),
    ("Kelvara's tenants include Singapore-based GPU cloud Orvanta and Tianmu Digital of Hong Kong.",
     ("Tianmu Digital", L_IN, "hong-kong")),
    ("润泽科技年报显示，字节跳动贡献了公司约四成的营收。", ("range-intelligent-computing", S, "bytedance")),
    ("廣達組裝的TPU機櫃已開始出貨。", ("quanta", M, "google-tpu")),
    ("法人指出，緯穎今年來自亞馬遜的營收占比逾六成。", ("wiwynn", S, "amazon")),
    ("世芯-KY今年營收主要來自亞馬遜。", ("alchip", S, "amazon")),
    ("字节跳动今年在海外的算力主要租用自甲骨文和微软。", ("microsoft", PCT, "bytedance")),
    ("燧原科技与腾讯深度绑定，腾讯是其最大股东。", ("tencent", INV, "enflame")),
    ("壁仞科技完成新一轮融资，投资方包括腾讯、红杉中国等。", ("hongshan", INV, "biren")),
    ("浪潮信息是英伟达在中国最大的服务器合作伙伴。", ("inspur", PW, "nvidia")),
    # deals for capacity, stakes bought and sold, qualification: how wire copy states them
    ("Microsoft has signed a $9.7 billion deal with Nebius for access to Nvidia GB300 chips.",
     ("nebius", PCT, "microsoft")),
    ("Oracle signed a contract with OpenAI to provide 4.5 gigawatts of capacity.", ("oracle", PCT, "openai")),
    ("CoreWeave expanded its agreement with OpenAI by up to $6.5 billion.", ("coreweave", PCT, "openai")),
    ("Anthropic will get access to up to one million Google TPUs.", ("google", PCT, "anthropic")),
    ("Intel received $8.9 billion from the U.S. government in exchange for a 9.9% stake.",
     ("us-government", INV, "intel")),
    ("Samsung Electronics has passed Nvidia qualification tests for its HBM3E chips.",
     ("samsung-electronics", S, "nvidia")),
    ("美光宣布在台中擴建HBM封裝廠。", ("micron", L_IN, "taichung")),
    # 'the company' / '该公司' is the organization named before it, in the sentence or the one before
    ("CoreWeave Chief Executive Michael Intrator said the company has been renting Nvidia GPUs to Microsoft.",
     ("coreweave", PCT, "microsoft")),
    ("壁仞科技今年营收大增。该公司已向中芯国际下单。", ("smic", S, "biren")),
    ("字节跳动去年是H20在中国的最大买家。", ("bytedance", P, "nvidia-h20")),
    ("澄星通信(603999)公告，已与智谱签订算力服务协议。", ("澄星通信", PCT, "zhipu-ai")),
    # English wire copy
    ("Microsoft is CoreWeave's largest customer, accounting for 62% of its revenue last year.",
     ("coreweave", PCT, "microsoft")),
    ("TSMC makes chips for Nvidia, Apple and AMD.", ("tsmc", S, "apple")),
    ("Foxconn, the world's largest contract electronics maker, assembles Nvidia's GB200 servers in Mexico.",
     ("foxconn", M, "nvidia-gb200")),
    ("Amazon has invested $8 billion in Anthropic, which uses AWS Trainium chips to train its Claude models.",
     ("anthropic", U, "aws-trainium")),
    ("The Commerce Department added 80 companies to the Entity List, including Inspur subsidiaries.",
     ("us-entity-list", R, "inspur")),
    ("Oracle will rent Nvidia GB200 chips to Meta under a multibillion-dollar deal.", ("oracle", PCT, "meta")),
    ("Intel's foundry business has won Microsoft as a customer for its 18A process.", ("intel", S, "microsoft")),
    ("Lambda, a San Jose-based GPU cloud, raised $480 million from investors including Nvidia.",
     ("nvidia", INV, "lambda")),
    ("Arm Holdings, majority owned by SoftBank, designs the CPU cores used in Nvidia's Grace chips.",
     ("arm", SUB, "softbank-group")),
    ("Meta Platforms signed a $10 billion cloud computing deal with Google, Reuters reported.",
     ("google", PCT, "meta")),
    ("AMD said it would supply OpenAI with Instinct MI450 chips under a multi-year agreement.",
     ("amd", S, "openai")),
    ("SK Hynix said it had begun mass production of HBM4 for Nvidia.", ("sk-hynix", S, "nvidia")),
    ("Samsung Electronics won a $16.5 billion contract to make chips for Tesla.", ("samsung-electronics", S, "tesla")),
    ("Nebius, the Amsterdam-based neocloud, signed a $17.4 billion deal to provide Microsoft with GPU capacity.",
     ("nebius", PCT, "microsoft")),
    ("Oracle has agreed to buy $40 billion worth of Nvidia chips to power OpenAI data centers.",
     ("nvidia", S, "oracle")),
    ("CoreWeave raised $1.1 billion in a Series C round led by Coatue, with Nvidia participating.",
     ("nvidia", INV, "coreweave")),
    ("CoreWeave raised $1.1 billion in a Series C round led by Coatue, with Nvidia participating.",
     ("coatue", INV, "coreweave")),
    ("Microsoft is an investor in Nebius, having joined a private placement last year alongside Accel.",
     ("accel", INV, "nebius")),
    ("AMD counts customers including Microsoft and Oracle, which run MI300X accelerators.",
     ("oracle", U, "amd-instinct-mi300x")),
    # a legal form after a name does not hide the apposition or clause after it
    ("Nebius Group NV, the Amsterdam-based AI infrastructure company, signed a deal.", ("nebius", L_IN, "amsterdam")),
    ("Oracle Corp., which is building data centers for OpenAI, said demand was strong.", ("oracle", PCT, "openai")),
    ("Broadcom Inc. is also designing a custom accelerator with OpenAI.", ("broadcom", PW, "openai")),
    ("Marvell Technology, which has helped Amazon with earlier Trainium designs, gained.", ("marvell", PW, "amazon")),
    # tenders, allocations, outsourcing, customers listed after a comma: the topic of the sentence acts
    ("新华三与宁畅共同中标中国电信AI服务器集采项目。", ("nettrix", S, "china-telecom")),
    ("中国联通将二期标包授予浪潮信息和中兴通讯。", ("zte", S, "china-unicom")),
    ("台積電今年將近半CoWoS產能分配給輝達。", ("tsmc", S, "nvidia")),
    ("TSMC has reserved most of its advanced packaging capacity for Nvidia this year.", ("tsmc", S, "nvidia")),
    ("聯電已把部分成熟製程訂單委外給力積電。", ("psmc", S, "umc")),
    ("奇鋐以水冷板見長，也是輝達GB300機櫃的主要供應商。", ("asia-vital-components", S, "nvidia")),
    ("緯穎，目前為亞馬遜與Meta組裝伺服器機櫃。", ("wiwynn", S, "meta")),
    ("創意今年營收成長，客戶涵蓋微軟與英特爾。", ("guc", S, "intel")),
    ("寒武纪今年营收翻倍。其主要客户包括字节跳动。", ("cambricon", S, "bytedance")),
    ("中际旭创所用的激光器芯片主要来自Lumentum。", ("lumentum", S, "innolight")),
    ("作为北方华创的零部件供应商，富拓精密订单饱满。", ("富拓精密", S, "naura")),
    ("台達電持股約30%的乾坤科技也受惠。", ("delta-electronics", INV, "乾坤科技")),
    # rounds across sentences, investors from a place, names after a place and before a descriptor
    ("阶跃星辰完成新一轮融资。本轮由上海国投领投，腾讯继续跟投。", ("tencent", INV, "stepfun")),
    ("星衍智算获得来自红杉中国的数亿元投资。", ("hongshan", INV, "星衍智算")),
    ("深圳芯研微电子完成由深创投领投的A轮融资。", ("shenzhen-capital-group", INV, "芯研微电子")),
    ("总部位于合肥的长鑫存储宣布扩产。", ("cxmt", L_IN, "hefei")),
    ("数据中心服务商云岫智算的首批租户包括智谱和月之暗面。", ("云岫智算", PCT, "moonshot-ai")),
    ("苏州子公司京隆科技负责测试业务。", ("京隆科技", L_IN, "suzhou")),
    ("星河城市智算中心一期全部采用华为昇腾910B。", ("星河城市智算中心", U, "huawei-ascend-910b")),
    ("台達電執行長張訓海補充，出貨同步成長。", ("張訓海", L, "delta-electronics")),
    ("聯發科副董事長暨執行長蔡力行出席論壇。", ("蔡力行", L, "mediatek")),
    # English: possessive buyers, lenders, stakes, subsidies, landlords, compound adjectives
    ("Nvidia, which supplies most of Lambda's GPUs, also owns a stake of about 5% in the company.",
     ("nvidia", S, "lambda")),
    ("Nvidia, which supplies most of Lambda's GPUs, also owns a stake of about 5% in the company.",
     ("nvidia", INV, "lambda")),
    ("SK Hynix remains the main supplier of HBM chips to Nvidia.", ("sk-hynix", S, "nvidia")),
    ("Oracle has lined up a $38 billion loan from a group of banks led by JPMorgan.", ("jpmorgan", INV, "oracle")),
    ("Blackstone led a $7.5 billion debt facility for CoreWeave.", ("blackstone", INV, "coreweave")),
    ("SoftBank-backed Ampere Computing designs Arm-based server chips.", ("softbank-group", INV, "ampere-computing")),
    ("The US government became Intel's largest shareholder in August.", ("us-government", INV, "intel")),
    ("Nvidia bought $5 billion of Intel stock in a private placement.", ("nvidia", INV, "intel")),
    ("BlackRock joined as a new investor in Groq.", ("blackrock", INV, "groq")),
    ("Sakura Internet received subsidies from Japan's Ministry of Economy, Trade and Industry.",
     ("japan-meti", INV, "sakura-internet")),
    ("Microsoft has agreed to pay Nebius up to $19 billion for GPU capacity.", ("nebius", PCT, "microsoft")),
    ("Crusoe leases the Abilene campus to Oracle under a 15-year agreement.", ("crusoe", S, "oracle")),
    ("Groq supplies inference capacity to Saudi Arabia's Humain.", ("groq", PCT, "humain")),
    ("Broadcom's biggest customer remains Google.", ("broadcom", S, "google")),
    ("Intel Foundry counts Microsoft and Amazon Web Services among its 18A customers.", ("intel-foundry", S, "aws")),
    ("SoftBank Corp. said this month it had finished installing DGX B200 systems bought from Nvidia.",
     ("nvidia", S, "softbank-corp")),
    ("The export rules, administered by the Commerce Department's Bureau of Industry and Security, took effect.",
     ("us-bis", SUB, "us-commerce-department")),
    ("Singapore-based Megaspeed bought servers from Supermicro.", ("Megaspeed", L_IN, "singapore")),
    ("Groq, the Mountain View, California-based chip startup, raised $750 million.", ("groq", L_IN, "mountain-view")),
    ("KDDI opened the Osaka Sakai Data Center in January.", ("kddi", RelType.OPERATES, "Osaka Sakai Data Center")),
    # hosts and landlords, holders, 'whose customers', hyphenated given names; centres and their chips
    ("Core Scientific hosts about 250 megawatts of CoreWeave's GPUs.", ("core-scientific", S, "coreweave")),
    ("TeraWulf leases capacity at its campus in New York to Fluidstack.", ("terawulf", S, "fluidstack")),
    ("Hut 8 signed a 15-year lease with Anthropic for a campus in Louisiana.", ("hut-8", S, "anthropic")),
    ("Arista, whose largest customers are Microsoft and Meta, rose 4%.", ("arista", S, "meta")),
    ("Google, which owns about 14% of Anthropic, declined to comment.", ("google", INV, "anthropic")),
    ("SK Hynix Chief Executive Kwak Noh-jung said supply would stay tight.", ("Kwak Noh-jung", L, "sk-hynix")),
    ("小鹏智算中心的GPU以英伟达A800为主。", ("xpeng-computing-centre", U, "nvidia-a800")),
    ("总部在苏州的晶研光电为中际旭创供应激光器芯片。", ("晶研光电", S, "innolight")),
    ("总部在苏州的晶研光电为中际旭创供应激光器芯片。", ("晶研光电", L_IN, "suzhou")),
    ("晶研總經理陳文達表示，需求強勁。", ("陳文達", L, "晶研")),
    ("中华电信转投资的鼎信精测今年营收创高。", ("chunghwa-telecom", INV, "鼎信精测")),
    # products the catalog lacks, named by a code beside a chip word or a maker's frame
    ("Tenstorrent designs the P1 inference accelerator.", ("tenstorrent", D, "P1")),
    ("小鹏自研的智驾芯片图灵100已量产。", ("xpeng", D, "图灵100")),
    # compute: clusters of chips, contracts with a cloud, centres run in a place, sublets, listed names ending in 据
    ("Colossus, a cluster of nearly 200,000 GB200 chips, came online.", ("xai-colossus", U, "nvidia-gb200")),
    ("Mistral, which has signed contracts with CoreWeave worth $2 billion, said demand was strong.",
     ("coreweave", PCT, "mistral-ai")),
    ("星河智算在内蒙古乌兰察布运营着星河乌兰察布智算中心。", ("星河智算", RelType.OPERATES, "星河乌兰察布智算中心")),
    ("星河智算总经理表示，腾出的约800卡昇腾算力已转租给MiniMax。", ("星河智算", PCT, "minimax")),
    ("协创数据(300857)公告，公司与智谱签订算力服务协议。", ("协创数据", PCT, "zhipu-ai")),
    # Taiwanese business-daily phrasings: next generations, distributors, sample shipments, acquisitions
    ("超微下一代MI450加速器將採用HBM4。", ("amd", D, "amd-instinct-mi450")),
    ("聯強國際擔任技嘉AI伺服器在東南亞的總代理。", ("gigabyte", S, "synnex-technology")),
    ("美光本月已向輝達送樣HBM4。", ("micron", S, "nvidia")),
    ("JSR去年已由日本產業革新投資機構收購。", ("jsr", SUB, "jic")),
    ("在北海道千歲興建晶圓廠的Rapidus預計2027年量產。", ("rapidus", L_IN, "chitose")),  # the nearer place
    ("華碩將在美國加州設立伺服器組裝線。", ("asus", L_IN, "california")),
    # English batch 6: allocations, apposed backers, licences, purchases closed, partnerships signed
    ("AMD has raised its allocation of MI355X accelerators to Oracle.", ("amd", S, "oracle")),
    ("Lambda, the Nvidia-backed GPU cloud, filed for an IPO.", ("nvidia", INV, "lambda")),
    ("Arm licenses its Neoverse designs to Microsoft and Google.", ("arm", S, "google")),
    ("Synopsys closed its $35 billion acquisition of simulation specialist Ansys.", ("ansys", SUB, "synopsys")),
    ("Bloom Energy signed a $5 billion partnership with Brookfield.", ("bloom-energy", PW, "brookfield")),
    ("Vertiv is working with Nvidia on 800-volt power systems.", ("vertiv", PW, "nvidia")),
    ("光迅科技是中国信科旗下的光通信企业。", ("accelink", SUB, "cict")),
    ("中国移动董事长杨杰曾表示，公司将加大投入。", ("杨杰", L, "china-mobile")),
    # a clause opening on a bare 公司 is about the sentence's topic, not the company named last
    ("光迅科技是中国信科旗下的光通信企业，公司今年已向字节跳动批量交付800G光模块。", ("accelink", S, "bytedance")),
    # a list's last name may carry its place and trade; a firm after 'X的' that acts is a firm
    ("沐曦的客户包括中国移动和深圳的算力服务商辰岳数科。", ("metax", S, "辰岳数科")),
    ("鸠兹智算的首批租户包括科大讯飞和本地具身智能企业衡岳智能。", ("鸠兹智算", PCT, "衡岳智能")),
    ("苏州的澜岭热控为工业富联供应冷板。", ("澜岭热控", S, "foxconn-industrial-internet")),
    # a firm named in full once is its distinctive word from then on
    ("Corvane Semiconductor, an Austin-based startup, makes inference chips. Corvane's customers include Cohere.",
     ("Corvane", S, "cohere")),
    # a clause that opens on a time is still about the sentence's topic
    ("位於台南的散熱模組廠晟川，去年獲台達電入股，今年起向廣達與英業達供應水冷板。", ("晟川", S, "inventec")),
    ("岚峰智算在宁夏中卫运营着一座智算中心，目前主要租户包括快手和百川智能。", ("岚峰智算", PCT, "baichuan")),
    ("深圳的澜芯从长江存储采购NAND晶圆。", ("ymtc", S, "澜芯")),
    ("长江存储自研的PE520企业级SSD已量产。", ("ymtc", D, "PE520")),
    ("地平线已向比亚迪、理想汽车批量供应征程6系列芯片。", ("horizon-robotics", S, "li-auto")),
    # a model code after a catalog family is a model of its own, not the family
    ("征程6E由台积电代工。", ("tsmc", M, "征程6E")),
    # Traditional batch 8: IP houses, chassis makers, memory contracts
    ("南電則為超微MI350系列與英特爾Gaudi 3供應ABF載板。", ("nan-ya-pcb", S, "intel")),
    ("遭美國商務部列入實體清單的摩爾線程股價重挫。", ("us-entity-list", R, "moore-threads")),
    ("博通目前向法國AI新創Mistral AI出租輝達H200算力。", ("broadcom", PCT, "mistral-ai")),
    ("緯穎的機櫃主要經由鴻海與廣達出貨。", ("wiwynn", S, "quanta")),
    ("以台積電為主要晶圓代工夥伴的創意表示營收成長。", ("tsmc", S, "guc")),
    ("今年起緯穎也直接供應整櫃伺服器給微軟。", ("wiwynn", S, "microsoft")),
    ("寒武紀自行設計的思元590採台積電7奈米製程。", ("tsmc", M, "cambricon-siyuan-590")),
    ("力旺自主研發的NeoBit記憶體IP已獲採用。", ("ememory", D, "NeoBit")),
    ("緯穎則打入美國GPU雲端新創CoreWeave的供應鏈。", ("wiwynn", S, "coreweave")),
    ("深圳的澜存从长江存储采购NAND晶圆，封装测试成SSD后，主要供应给中国电信。", ("澜存", S, "china-telecom")),
    ("地平线向比亚迪供应征程6系列芯片，其中旗舰型号征程6P由台积电代工。", ("tsmc", M, "征程6P")),
    ("中芯国际联合首席执行官赵海军表示，产能利用率回升。", ("赵海军", L, "smic")),
    # a fact inside a modifier is stated whatever the main clause denies; a ticker may stand after the maker
    ("力旺強調，公司未曾授權先進製程IP給遭美國商務部列入實體清單的壁仞科技。", ("us-entity-list", R, "biren")),
    ("力旺（3529）自主研發的NeoBit記憶體IP已獲採用。", ("ememory", D, "NeoBit")),
    # English batch 8: relative clauses on a product, founders, makers for a customer, allocations, tenants
    ("Trillium, which Google designs with Broadcom and which TSMC fabricates, powers Gemini.",
     ("tsmc", M, "google-tpu-trillium")),
    ("Trillium, which Google designs with Broadcom and which TSMC fabricates, powers Gemini.",
     ("broadcom", D, "google-tpu-trillium")),
    ("Safe Superintelligence, the AI lab co-founded by Ilya Sutskever, trains on TPUs.",
     ("ilya-sutskever", L, "safe-superintelligence")),
    ("Celestica began making TPU boards for Google last year.", ("celestica", S, "google")),
    ("Nvidia will ship 50,000 GPUs to Japan, with SoftBank and KDDI each taking 20,000.", ("nvidia", S, "kddi")),
    ("SK hynix, which supplies most of the memory that goes into AMD's accelerators, expanded.",
     ("sk-hynix", S, "amd")),
    ("Nebius said it had signed Mistral AI as its anchor tenant.", ("nebius", PCT, "mistral-ai")),
    ("Packaging of the H200 is handled by Amkor Technology.", ("amkor-technology", M, "nvidia-h200")),
    ("AMD contracts Wistron to assemble the boards.", ("wistron", S, "amd")),
    ("a 90-megawatt site that Fluidstack leases from Crusoe in Texas", ("crusoe", S, "fluidstack")),
    ("Cerulean Logic, a four-year-old Santa Clara startup, builds chips. Cerulean's customers include Cohere.",
     ("Cerulean", S, "cohere")),
    # titles: a co- title is no legal form ('Blue Owl co-CEO'), a comma may stand between title and name
    ("Blue Owl co-CEO Doug Ostrover said the fund was large.", ("Doug Ostrover", L, "blue-owl")),
    ("Supermicro's chief financial officer, Dana Pruitt, said margins improved.", ("Dana Pruitt", L, "supermicro")),
    ("Haneul's chief executive, Oh Min-jae, said so.", ("Oh Min-jae", L, "Haneul")),
    ("為因應關稅變數，緯穎將在美國德州設立伺服器組裝線。", ("wiwynn", L_IN, "texas")),
    # Simplified batch 9: materials qualified at a fab, used on its lines, bought whole from one maker
    ("南大光电在公告中披露，其光刻胶已通过中芯国际认证并实现批量供应。", ("nata-opto", S, "smic")),
    ("安集科技的抛光液已在中芯国际和华虹宏力的多条产线上批量使用。", ("anji-microelectronics", S, "smic")),
    ("神州数码的昇腾模组全部向华为采购。", ("huawei", S, "digital-china")),
    ("神州数码旗下的湖南兆瀚科技上半年出货量增长。", ("兆瀚科技", SUB, "digital-china")),
    ("The deal gives Marlow Compute access to 5,000 B200 GPUs from Oracle.", ("oracle", PCT, "Marlow Compute")),
    # English batch 9: units bought, fabs after 'and is', assemblers for, founders' shares, heads, developers
    ("Trainium3 is designed by Annapurna Labs, the Austin-based chip unit Amazon bought in 2015, and is "
     "manufactured by TSMC.", ("tsmc", M, "aws-trainium3")),
    ("Trainium3 is designed by Annapurna Labs, the Austin-based chip unit Amazon bought in 2015.",
     ("annapurna-labs", SUB, "amazon")),
    ("The finished racks are assembled for AWS by Quanta Cloud Technology.", ("qct", S, "aws")),
    ("Rapidus was founded in 2022 by eight companies including Toyota Motor, NTT and SoftBank.",
     ("ntt", INV, "rapidus")),
    ("Tenstorrent, the Toronto-based chip designer headed by Chief Executive Jim Keller, is weighing Rapidus.",
     ("Jim Keller", L, "tenstorrent")),
    ("Preferred Networks, the Tokyo-based AI developer that designs its own MN-Core accelerators, signed on.",
     ("preferred-networks", D, "pfn-mn-core")),
    ("Ayar Labs, the San Jose developer of TeraPHY optical engines whose investors include Nvidia, said so.",
     ("nvidia", INV, "ayar-labs")),
    ("Rapidus, Japan's state-backed chip venture, said so.", ("rapidus", L_IN, "japan")),
    ("Mountain View, Calif.-based Lightmatter raised money.", ("lightmatter", L_IN, "mountain-view")),
    # a unit named by what it is 'of', or as a parent's spin-out with its ticker
    ("Kestria Labs, the U.S. software unit of Veltrano Group, said it had bought GPUs.",
     ("Kestria Labs", SUB, "Veltrano Group")),
    ("Orvane Labs, the Alphabet (GOOGL.O) robotics spin-out, said so.", ("Orvane Labs", SUB, "alphabet")),
    ("Mistral AI's early investors include Lightspeed and NVentures.", ("nventures", INV, "mistral-ai")),
    # renting through a product named in between; capitals or a Paris listing in parentheses name a firm
    ("Orvane Labs trains its models on tensor processing units rented from Google Cloud.",
     ("google-cloud", PCT, "Orvane Labs")),
    ("Zentara (ZNTA) rents GPU capacity from Lambda.", ("lambda", PCT, "Zentara")),
    ("Dravon (DRV.PA) rents GPU capacity from Lambda.", ("lambda", PCT, "Dravon")),
    # an English name run into Chinese words; 轄下 as 旗下
    ("晶策由淡馬錫旗下創投Vertex Ventures領投。", ("Vertex Ventures", SUB, "temasek")),
    ("經濟部轄下的國際貿易署今日公告新規。", ("taiwan-trade-administration", SUB, "taiwan-moea")),
    # rivals named after 对手是, with places in the list, and the topic competing after a clause
    ("寒武纪的主要对手是海光信息和华为。", ("hygon", RelType.COMPETES_WITH, "cambricon")),
    ("平头哥主要与美国的SiFive和中国台湾的晶心科技竞争。", ("t-head", RelType.COMPETES_WITH, "andes-technology")),
    ("寒武纪的思元590芯片已进入浪潮信息的供应链，与英伟达、华为正面竞争。",
     ("cambricon", RelType.COMPETES_WITH, "nvidia")),
    # a clause opening on a bare 公司 and what it makes is the topic's
    ("寒武纪(688256.SH)披露，公司第二代思元芯片已向浪潮信息批量供货。", ("cambricon", S, "inspur")),
    # a name in quotation marks after what it is; what a firm is owned by, and the unit a 'whose' clause names
    ("玉山銀行自研的繁中金融模型「玉鑑」已上線。", ("esun-bank", RelType.DEVELOPS, "玉鑑")),
    ("Tekscend Photomask, still majority-owned by Toppan Holdings, said so.", ("Tekscend Photomask", SUB, "toppan")),
    ("Photronics (PLAB.O), whose Taiwanese arm PDMC runs plants in Hsinchu, said so.", ("PDMC", SUB, "photronics")),
    ("Safaricom Plc (SCOM), in which Vodacom Group holds a large stake, said so.",
     ("Vodacom Group", INV, "Safaricom Plc")),
    ("Zola Labs runs most of its training on Amazon Web Services.", ("aws", PCT, "Zola Labs")),
    ("Rack Centre, a Lagos data center operator, said demand was strong.", ("Rack Centre", L_IN, "lagos")),
]


def _triples(extractor: OfflineExtractor, sentence: str) -> set[tuple[str, RelType, str]]:
    return {c.triple for c in extractor.extract(Article(id="t", title="t", body=sentence))}


@pytest.mark.parametrize(("sentence", "fact"), CONSTRUCTIONS)
def test_a_stated_fact_is_read_in_its_direction(extractor: OfflineExtractor, sentence: str,
                                                fact: tuple[str, RelType, str]) -> None:
    found = _triples(extractor, sentence)
    assert fact in found
    if fact[1] is not PW:
        assert (fact[2], fact[1], fact[0]) not in found


@pytest.mark.parametrize(
    ("sentence", "fact", "status"),
    [
        ("輝達執行長黃仁勳宣布將投資英特爾50億美元。", ("nvidia", INV, "intel"), FactStatus.PLANNED),
        ("Samsung has begun supplying HBM3E chips to Nvidia after passing qualification tests, two sources said.",
         ("samsung-electronics", S, "nvidia"), FactStatus.RUMOURED),
        ("SoftBank agreed to acquire Ampere Computing for $6.5 billion.", ("ampere-computing", SUB, "softbank-group"),
         FactStatus.PLANNED),
        ("有传闻称快手也向英伟达下单了H20,快手相关人士表示,该消息不属实。", ("nvidia", S, "kuaishou"),
         FactStatus.DENIED),
        ("SoftBank sold its entire stake in Nvidia for $5.8 billion.", ("softbank-group", INV, "nvidia"),
         FactStatus.ENDED),
        ("Former Intel CEO Pat Gelsinger joined a startup.", ("pat-gelsinger", L, "intel"), FactStatus.ENDED),
        ("深度求索被曝使用了数万张英伟达A100训练其模型。", ("deepseek", U, "nvidia-a100"), FactStatus.RUMOURED),
        ("台積電前董事長劉德音出席論壇。", ("mark-liu", L, "tsmc"), FactStatus.ENDED),
    ],
)
def test_a_planned_or_reported_fact_carries_its_status(extractor: OfflineExtractor, sentence: str,
                                                       fact: tuple[str, RelType, str], status: FactStatus) -> None:
    (candidate,) = [c for c in extractor.extract(Article(id="t", title="t", body=sentence)) if c.triple == fact]
    assert candidate.status is status


@pytest.mark.parametrize(
    ("sentence", "not_a_fact"),
    [
        ("輝達執行長黃仁勳宣布將投資英特爾50億美元。", ("jensen-huang", INV, "intel")),  # the company invests
        ("中芯国际为华为代工昇腾910C芯片。", ("huawei", M, "huawei-ascend-910c")),  # 为华为: Huawei is the customer
        ("廣達(2382-TW)拿下輝達GB300伺服器大單。", ("quanta", P, "nvidia-gb300")),  # winning an order is no purchase
        ("The U.S. Commerce Department said that using Huawei's Ascend chips could violate export controls.",
         ("us-commerce-department", U, "huawei-ascend")),
        ("Meta Platforms signed a $10 billion cloud computing deal with Google, Reuters reported.",
         ("meta", S, "reuters")),  # a list does not run into the reporter
        ("Lambda said it has no plans to buy AMD's MI355X accelerators.", ("lambda", P, "amd-instinct-mi355x")),
        ("Oracle Corp., which is building data centers for OpenAI, said demand was strong.", ("oracle", S, "openai")),
        ("投资方包括上海国投、中国移动等。", ("china-mobile", L_IN, "shanghai")),  # the place names the first only
        ("The AI diffusion rule caps exports of Nvidia's H100 to most countries.",
         ("us-ai-diffusion-rule", R, "nvidia")),  # the chip is restricted, not its maker
        # '为其提供由H20组成的集群': the one given the cluster does not use it as its own
        ("澄星通信公告，已与字节跳动签订协议，为其提供由H20组成的推理集群。", ("bytedance", U, "nvidia-h20")),
        ("Arista competes with Nvidia's Spectrum-X Ethernet in AI networks.", ("arista", RelType.COMPETES_WITH,
                                                                             "nvidia")),  # the product is the rival
        ("超微、博通與亞馬遜旗下Annapurna Labs分食其餘CoWoS產能。", ("annapurna-labs", SUB, "amd")),  # Amazon's unit
        ("腾讯旗下的腾讯云目前为美团、小红书等多家客户提供推理算力。", ("tencent", PCT, "meituan")),  # its unit does
        # winning an order from a customer is no investment and no purchase from it
        ("Foxconn won an order from Nvidia to assemble GB300 servers.", ("nvidia", S, "foxconn")),
        ("Foxconn won an order from Nvidia to assemble GB300 servers.", ("nvidia", INV, "foxconn")),
        ("ByteDance was barred from buying Nvidia's H20 chips under the new rules.", ("bytedance", P, "nvidia-h20")),
        ("She denied a report that Lambda had held talks to sell itself to CoreWeave.", ("lambda", S, "coreweave")),
        # the object of 'supplied by' does not rent out what its buyer rents
        ("Lambda runs 2,000 H200 GPUs in servers supplied by Supermicro and rents most of them to Cohere.",
         ("supermicro", PCT, "cohere")),
        # a subject after 为/给: the one served is not the one who acts
        ("為台光電供應銅箔的宏晟，總部位於嘉義。", ("elite-material", L_IN, "chiayi")),
        ("世芯-KY為亞馬遜AWS設計的Trainium 3晶片已量產。", ("aws", D, "aws-trainium3")),
        ("腾讯云推出的服务器采用英伟达H20。", ("tencent-cloud", D, "nvidia-h20")),  # what it launched uses H20
        # 'respectively' pairs the lists in turn; an adverb after a name is no part of it
        ("英業達與神達旗下神雲科技分別拿下微軟與Google新一代伺服器訂單。", ("inventec", S, "google")),
        ("芯片新创枢序微。枢序微已与中国移动研究院共同推进OISA协议的芯片实现。", ("枢序微", PW, "china-mobile")),
        # 'its' is the topic's, not a second firm listed after the one named last
        ("Norrvik, a Stockholm-based GPU cloud, is in talks to rent capacity to Mistral AI, its chief executive, "
         "Ingrid Solberg, told Reuters.", ("Ingrid Solberg", L, "mistral-ai")),
        ("台積電已將部分製程委外給日月光投控旗下的矽品。", ("ase-technology-holding", S, "tsmc")),
        # a descriptor that ends in 公司 before a name is no company of its own
        ("36氪获悉，端侧大模型公司面壁智能完成新一轮融资。本轮由上海的琢光资本领投。", ("琢光资本", INV, "36kr")),
        ("今年3月，微軟宣布已幫助OpenAI建設了一個新計算中心。", ("openai", RelType.OPERATES, "一个新计算中心")),
        # a parent named first is no topic of its own; the supplier of a plant's output is not its buyer
        ("華碩子公司台智雲表示，目前算力客戶包括玉山銀行。", ("asus", PCT, "玉山银行")),
        ("The chip is manufactured by TSMC and sold in servers built by Supermicro.", ("supermicro", S, "tsmc")),
        ("GPT-3训练1750亿参数用了一万块V100。", ("训练1750", U, "nvidia-v100")),  # a count is no product
        # buying shares in a company is no acquisition of it
        ("Nvidia completed its $5 billion purchase of shares in Intel.", ("intel", SUB, "nvidia")),
        # an adverb after a name is no part of it; a landlord's backer is not in the landlord's city
        ("中国移动董事长杨杰曾表示，公司将加大投入。", ("杨杰曾", L, "china-mobile")),
        ("Larkspur Digital, a Dallas-based developer backed by Brookfield, signed a lease.",
         ("brookfield", L_IN, "dallas")),
        ("日月光半導體在高雄的K28新廠將於明年投產。", ("ase", L_IN, "kaohsiung")),
        # what stands after 'X的' and does something is a firm only when it names one
        ("测试则由公司在无锡的自有产线完成。", ("自有产线", L_IN, "wuxi")),
        ("Industrial AI Cloud opened in Munich. Industrial demand supplies Nvidia.", ("Industrial", S, "nvidia")),
        ("征程6E由台积电代工。", ("tsmc", M, "horizon-journey")),
        ("華為自研的AI芯片性能領先。", ("huawei", D, "AI")),
        ("緯穎的機櫃主要經由鴻海與廣達出貨。", ("foxconn", S, "wiwynn")),  # shipping through is no supplying
        # a clause after 'and' is no list item; a chip maker's name before '-based' is no place
        ("Gaon bought racks from Dell Technologies and had signed Upstage, the Seoul-based developer, as its tenant.",
         ("dell", L_IN, "seoul")),
        ("The racks are hosted by CoreWeave, which provides Nvidia-based capacity to Cohere.",
         ("cohere", L_IN, "Nvidia")),
        ("a 90-megawatt site that Fluidstack leases from Crusoe in Texas", ("crusoe", PCT, "fluidstack")),
        # a place before a centre named after its operator places the centre, not the operator
        ("位于内蒙古呼和浩特的中国联通呼和浩特智算中心已投入使用。", ("china-unicom", L_IN, "hohhot")),
        ("黔岭智算已分别向智谱和百川智能出租约1200卡算力。", ("zhipu-ai", PCT, "黔岭智算")),  # 出租 rents out
        # buying servers from a maker is no acquisition of it; the owner of a bought unit is not where it is
        ("Singapore-based Megaspeed bought servers from Supermicro.", ("supermicro", SUB, "Megaspeed")),
        ("Trainium3 is designed by Annapurna Labs, the Austin-based chip unit Amazon bought in 2015.",
         ("amazon", L_IN, "austin")),
        # the one bought from is no subject of the clause after it; the product another verb took is not made
        ("深圳的澜存从长江存储采购NAND晶圆，封装测试成SSD后，主要供应给中国电信。", ("ymtc", S, "china-telecom")),
        ("地平线向比亚迪供应征程6系列芯片，其中旗舰型号征程6P由台积电代工。", ("tsmc", M, "horizon-journey-6")),
        ("台中的機殼與滑軌廠勤翔精密為緯穎供應機殼。", ("机壳", L_IN, "taichung")),
        # a news outlet is a story's source, no party to its deal; an apposition describes the last listed name
        ("Corvane denied a report by the Economic Daily News that it was in talks to be acquired by Delta "
         "Electronics.", ("delta-electronics", SUB, "economic-daily-news")),
        ("Merck denied a Bloomberg report that it would lease GPUs from CoreWeave.", ("coreweave", PCT, "bloomberg")),
        ("Its backers include Lux Capital and NVentures, Nvidia's venture capital arm.",
         ("Lux Capital", SUB, "nvidia")),
        # a university keeps its city; the one whose supply chain is entered is no rival
        ("北京航空航天大学被列入实体清单。", ("航空航天大学", L_IN, "beijing")),
        ("寒武纪的思元590芯片已进入浪潮信息的供应链，与英伟达、华为正面竞争。",
         ("inspur", RelType.COMPETES_WITH, "nvidia")),
        # the seller of a cluster does not use it; a place based unit's place is not its parent's
        ("上海交通大学则向华鲲振宇采购了由512张昇腾910B组成的训练集群。", ("huakun-zhenyu", U, "huawei-ascend-910b")),
        ("IMS Nanofabrication, the Vienna-based unit of Intel, makes mask writers.", ("intel", L_IN, "vienna")),
    ],
)
def test_what_a_sentence_does_not_state_is_not_proposed(extractor: OfflineExtractor, sentence: str,
                                                        not_a_fact: tuple[str, RelType, str]) -> None:
    assert not_a_fact not in _triples(extractor, sentence)


def test_a_title_states_its_fact_whatever_the_clause_plans(extractor: OfflineExtractor) -> None:
    sentence = "Microsoft President Brad Smith told reporters that Microsoft would expand in Wisconsin."
    (leads,) = [c for c in extractor.extract(Article(id="t", title="t", body=sentence)) if c.type is L]
    assert leads.status is None
