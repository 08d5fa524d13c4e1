"""The downstream catalog (data/catalog/downstream-*.yaml and the entries of builders, clouds, labs and
users improved in place).

Server makers, clouds, data-centre operators, AI labs, platforms, investors, their models, facilities,
places and people are named in Simplified, Traditional and English text and by stock ticker; each name
must land on the one entity news means by it, generations of a model must stay apart, parents and makers
must be the real ones, and names that are also everyday words must link only where context makes them clear.
"""

from __future__ import annotations

import pytest

from computekg.graph.schema import ProductKind
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.linking import link_entities
from computekg.loaders.normalize import normalize_for_matching


@pytest.mark.parametrize(("name", "entity_id"), [
    # server ODMs and OEMs: Taiwanese, mainland and English names, legal names and tickers
    ("鴻海", "foxconn"), ("鸿海", "foxconn"), ("富士康", "foxconn"), ("Hon Hai", "foxconn"),
    ("Hon Hai Precision Industry Co., Ltd.", "foxconn"), ("2317.TW", "foxconn"), ("2317-TW", "foxconn"),
    ("工业富联", "foxconn-industrial-internet"), ("工業富聯", "foxconn-industrial-internet"),
    ("601138.SH", "foxconn-industrial-internet"), ("鴻佰科技", "ingrasys"),
    ("廣達", "quanta"), ("广达电脑", "quanta"), ("2382.TW", "quanta"), ("雲達科技", "qct"), ("QCT", "qct"),
    ("緯創", "wistron"), ("3231.TW", "wistron"), ("緯穎", "wiwynn"), ("纬颖科技", "wiwynn"), ("6669.TW", "wiwynn"),
    ("英業達", "inventec"), ("2356.TW", "inventec"), ("和碩", "pegatron"), ("仁寶", "compal"), ("技嘉", "gigabyte"),
    ("華碩", "asus"), ("ASUSTeK Computer Inc.", "asus"), ("神達", "mitac"),
    ("美超微", "supermicro"), ("超微电脑", "supermicro"),
    ("Super Micro Computer", "supermicro"), ("SMCI", "supermicro"),
    ("SMCI-US", "supermicro"), ("超微", "amd"),
    ("戴爾", "dell"), ("戴尔", "dell"), ("DELL-US", "dell"), ("慧与", "hpe"), ("HPE", "hpe"), ("惠普", "hp-inc"),
    ("Hewlett-Packard", "hp-inc"), ("联想集团", "lenovo"), ("聯想集團", "lenovo"), ("0992.HK", "lenovo"),
    ("992.HK", "lenovo"), ("IBM", "ibm"),
    ("浪潮信息", "inspur"), ("海潮", "inspur"), ("000977.SZ", "inspur"), ("浪潮集团", "inspur-group"),
    ("新华三", "h3c"), ("新華三", "h3c"), ("紫光股份", "unisplendour"), ("超聚变", "xfusion"), ("中科曙光", "sugon"),
    ("603019.SH", "sugon"), ("华勤技术", "huaqin"), ("中兴通讯", "zte"), ("0763.HK", "zte"), ("大聯大", "wpg-holdings"),
    ("3702.TW", "wpg-holdings"), ("神州数码", "digital-china"), ("000034.SZ", "digital-china"), ("麗臺", "leadtek"),
    # clouds, GPU clouds, telecom clouds and data-centre operators
    ("AWS", "aws"), ("亚马逊云科技", "aws"), ("OCI", "oracle-cloud"), ("甲骨文云", "oracle-cloud"),
    ("CoreWeave", "coreweave"), ("CRWV", "coreweave"), ("Nebius", "nebius"), ("NBIS-US", "nebius"),
    ("Yandex N.V.", "nebius"), ("Together AI", "together-ai"), ("Lambda Labs", "lambda"), ("Crusoe", "crusoe"),
    ("OVH", "ovhcloud"), ("Core42", "core42"), ("Humain", "humain"),
    ("百度智能云", "baidu-ai-cloud"), ("华为云", "huawei-cloud"), ("華為雲", "huawei-cloud"), ("京东云", "jd-cloud"),
    ("金山云", "kingsoft-cloud"), ("3896.HK", "kingsoft-cloud"), ("优刻得", "ucloud"), ("688158.SH", "ucloud"),
    ("天翼云", "ctyun"), ("中国电信", "china-telecom"), ("0728.HK", "china-telecom"), ("移动云", "china-mobile-cloud"),
    ("中國移動", "china-mobile"), ("0941.HK", "china-mobile"), ("联通云", "unicom-cloud"), ("騰訊雲", "tencent-cloud"),
    ("阿里雲", "alibaba-cloud"), ("火山引擎", "volcano-engine"),
    ("万国数据", "gds"), ("9698.HK", "gds"), ("世纪互联", "vnet"), ("21Vianet", "vnet"), ("秦淮数据", "chindata"),
    ("润泽科技", "range-intelligent-computing"), ("数据港", "athub"), ("Equinix", "equinix"), ("EQIX", "equinix"),
    ("Iris Energy", "iren"), ("Core Scientific", "core-scientific"),
    # internet platforms and big tech, with their listings
    ("騰訊", "tencent"), ("0700.HK", "tencent"), ("00700.HK", "tencent"), ("阿里巴巴", "alibaba"), ("BABA", "alibaba"),
    ("9988.HK", "alibaba"), ("BIDU", "baidu"), ("9888.HK", "baidu"), ("字节跳动", "bytedance"), ("美團", "meituan"),
    ("3690.HK", "meituan"), ("京東", "jd-com"), ("9618.HK", "jd-com"), ("拼多多", "pinduoduo"),
    ("PDD Holdings", "pinduoduo"),
    ("快手", "kuaishou"), ("1024.HK", "kuaishou"), ("小米集团", "xiaomi"), ("1810.HK", "xiaomi"), ("網易", "netease"),
    ("NTES", "netease"), ("螞蟻集團", "ant-group"), ("比亞迪", "byd"), ("9866.HK", "nio"), ("XPEV", "xpeng"),
    ("Alphabet", "alphabet"), ("GOOGL", "alphabet"), ("GOOG", "alphabet"), ("谷歌", "google"), ("MSFT-US", "microsoft"),
    ("微軟", "microsoft"), ("AMZN", "amazon"), ("亞馬遜", "amazon"), ("Meta Platforms", "meta"), ("Facebook", "meta"),
    ("META", "meta"), ("ORCL", "oracle"), ("甲骨文", "oracle"), ("蘋果公司", "apple"), ("AAPL", "apple"),
    # AI labs
    ("深度求索", "deepseek"), ("DeepSeek", "deepseek"), ("月之暗面", "moonshot-ai"), ("Moonshot AI", "moonshot-ai"),
    ("稀宇科技", "minimax"), ("MiniMax", "minimax"), ("阶跃星辰", "stepfun"), ("階躍星辰", "stepfun"),
    ("面壁智能", "modelbest"), ("字节跳动Seed", "bytedance-seed"), ("智譜AI", "zhipu-ai"), ("零一萬物", "01-ai"),
    ("昆仑万维", "kunlun-tech"), ("昆仑芯", "kunlunxin"), ("xAI", "xai"), ("Twitter", "x-corp"),
    ("Facebook AI Research", "meta-ai"), ("DeepMind", "google-deepmind"), ("Google Brain", "google-deepmind"),
    ("SSI", "safe-superintelligence"), ("Thinking Machines Lab", "thinking-machines-lab"), ("Mistral AI", "mistral-ai"),
    ("Character.AI", "character-ai"), ("Hugging Face", "hugging-face"), ("Anthropic PBC", "anthropic"),
    # investors
    ("软银", "softbank-group"), ("軟銀", "softbank-group"), ("9984.T", "softbank-group"),
    ("SoftBank Corp.", "softbank-corp"),
    ("9434.T", "softbank-corp"), ("软银愿景基金", "softbank-vision-fund"), ("红杉资本", "sequoia-capital"),
    ("红杉中国", "hongshan"), ("紅杉中國", "hongshan"), ("Sequoia Capital China", "hongshan"), ("高瓴", "hillhouse"),
    ("a16z", "a16z"), ("PIF", "pif"), ("淡馬錫", "temasek"),
    ("MGX", "mgx"), ("贝莱德", "blackrock"), ("BLK", "blackrock"),
    ("黑石", "blackstone"), ("高盛", "goldman-sachs"),
    ("中金公司", "cicc"), ("3908.HK", "cicc"), ("幻方量化", "high-flyer"),
    # models
    ("GPT-4o", "gpt-4o"), ("OpenAI o1", "openai-o1"), ("GPT-5", "gpt-5"), ("Claude 3.5 Sonnet", "claude-3-5-sonnet"),
    ("Claude 4 Opus", "claude-opus-4"), ("Bard", "gemini"), ("Gemini 2.5", "gemini-2-5"), ("LLaMA", "llama"),
    ("Llama 3.1", "llama-3-1"), ("Grok 3", "grok-3"), ("DeepSeek-R1", "deepseek-r1"), ("DeepSeek V3", "deepseek-v3"),
    ("Kimi K2", "kimi-k2"), ("豆包大模型", "doubao"), ("云雀大模型", "doubao"), ("通義千問", "tongyi-qianwen"),
    ("Qwen3", "qwen-3"), ("文心一言", "ernie-bot"), ("讯飞星火", "iflytek-spark"), ("盘古大模型", "pangu"),
    ("可灵", "kling"), ("腾讯元宝", "tencent-yuanbao"),
    # products
    ("XE9680", "dell-poweredge-xe9680"), ("NF5688M6", "inspur-nf5688m6"), ("Cray EX", "hpe-cray-ex"),
    ("EC2", "amazon-ec2"), ("Azure OpenAI", "azure-openai-service"), ("Azure AI Studio", "azure-ai-foundry"),
    ("Vertex AI", "google-vertex-ai"), ("灵骏", "alibaba-cloud-lingjun"), ("火山方舟", "volcano-engine-ark"),
    ("飞桨", "paddlepaddle"), ("飛槳", "paddlepaddle"), ("微信", "wechat"),
    # facilities and places
    ("星际之门", "stargate"), ("星際之門", "stargate"), ("Stargate Abilene", "stargate-abilene"),
    ("xAI Colossus", "xai-colossus"), ("Microsoft Fairwater", "microsoft-fairwater"),
    ("Project Rainier", "project-rainier"),
    ("神威·太湖之光", "sunway-taihulight"), ("天河二号", "tianhe-2"), ("富岳", "fugaku"),
    ("新竹", "hsinchu"), ("竹科", "hsinchu-science-park"),
    ("臺南", "tainan"), ("高雄", "kaohsiung"), ("熊本", "kumamoto"),
    ("柔佛", "johor"), ("内蒙古", "inner-mongolia"),
    ("內蒙古", "inner-mongolia"), ("貴州", "guizhou"), ("Memphis", "memphis"),
    ("阿联酋", "united-arab-emirates"), ("沙烏地阿拉伯", "saudi-arabia"),
    ("韓國", "south-korea"), ("矽谷", "silicon-valley"),
    # people
    ("苏姿丰", "lisa-su"), ("蘇姿丰", "lisa-su"),
    ("魏哲家", "cc-wei"), ("張忠謀", "morris-chang"), ("张忠谋", "morris-chang"),
    ("劉揚偉", "young-liu"), ("郭台銘", "terry-gou"), ("梁見後", "charles-liang"), ("扎克伯格", "mark-zuckerberg"),
    ("祖克柏", "mark-zuckerberg"), ("纳德拉", "satya-nadella"), ("梁文锋", "liang-wenfeng"), ("楊植麟", "yang-zhilin"),
    ("马化腾", "pony-ma"), ("孫正義", "masayoshi-son"), ("黄仁勋", "jensen-huang"),
])
def test_names_news_uses_resolve(aliases: AliasIndex, name: str, entity_id: str) -> None:
    assert aliases.resolve(name).id == entity_id


@pytest.mark.parametrize(("entity_id", "parent"), [
    ("aws", "amazon"), ("google", "alphabet"), ("google-cloud", "google"), ("microsoft-azure", "microsoft"),
    ("oracle-cloud", "oracle"), ("ibm-cloud", "ibm"), ("foxconn-industrial-internet", "foxconn"),
    ("ingrasys", "foxconn"),
    ("qct", "quanta"), ("wiwynn", "wistron"), ("giga-computing", "gigabyte"), ("inspur", "inspur-group"),
    ("h3c", "unisplendour"), ("deepseek", "high-flyer"), ("paperspace", "digitalocean"), ("core42", "g42"),
    ("humain", "pif"), ("scaleway", "iliad"), ("ctyun", "china-telecom"), ("china-mobile-cloud", "china-mobile"),
    ("unicom-cloud", "china-unicom"), ("baidu-ai-cloud", "baidu"), ("huawei-cloud", "huawei"), ("jd-cloud", "jd-com"),
    ("softbank-vision-fund", "softbank-group"), ("softbank-corp", "softbank-group"), ("gip", "blackrock"),
    ("qts", "blackstone"), ("central-huijin", "cic"), ("meta-ai", "meta"), ("meta-superintelligence-labs", "meta"),
    ("google-deepmind", "google"), ("microsoft-ai", "microsoft"), ("github", "microsoft"),
    ("bytedance-seed", "bytedance"),
    ("temu", "pinduoduo"), ("nventures", "nvidia"), ("ustc", "chinese-academy-of-sciences"),
])
def test_parents_are_the_real_ones(aliases: AliasIndex, entity_id: str, parent: str) -> None:
    assert aliases.resolve(entity_id).parent == parent


@pytest.mark.parametrize(("model", "maker"), [
    ("gpt-4o", "openai"), ("openai-o3", "openai"), ("chatgpt", "openai"), ("claude-3-5-sonnet", "anthropic"),
    ("claude", "anthropic"), ("gemini", "google-deepmind"), ("llama-3", "meta"), ("grok-3", "xai"),
    ("mistral-large", "mistral-ai"), ("deepseek-r1", "deepseek"), ("kimi-k2", "moonshot-ai"), ("glm-4", "zhipu-ai"),
    ("qwen-3", "alibaba-cloud"), ("tongyi-qianwen", "alibaba-cloud"), ("doubao", "bytedance"), ("ernie-bot", "baidu"),
    ("hunyuan", "tencent"), ("pangu", "huawei-cloud"), ("minimax-m1", "minimax"), ("yi", "01-ai"),
    ("amazon-bedrock", "aws"), ("azure-openai-service", "microsoft-azure"), ("baidu-qianfan", "baidu-ai-cloud"),
])
def test_models_and_services_have_their_makers(aliases: AliasIndex, model: str, maker: str) -> None:
    assert aliases.resolve(model).maker == maker


@pytest.mark.parametrize(("server", "maker", "family"), [
    ("dell-poweredge-xe9680", "dell", "dell-poweredge"), ("dell-poweredge-xe9712", "dell", "dell-poweredge"),
    ("lenovo-thinksystem-sr675-v3", "lenovo", "lenovo-thinksystem"),
])
def test_servers_belong_to_their_maker_and_line(aliases: AliasIndex, server: str, maker: str, family: str) -> None:
    entity = aliases.resolve(server)
    assert (entity.maker, entity.family) == (maker, family)
    assert aliases.resolve(family).product_kind is ProductKind.FAMILY


@pytest.mark.parametrize("names", [
    ("GPT-4", "GPT-4o", "GPT-5", "OpenAI o1", "OpenAI o3", "gpt-oss"),
    ("Claude", "Claude 3", "Claude 3 Opus", "Claude 3.5 Sonnet", "Claude 3.7 Sonnet", "Claude 4", "Claude Opus 4",
     "Claude Sonnet 4", "Claude Sonnet 4.5"),
    ("Gemini", "Gemini 1.5", "Gemini 2.0", "Gemini 2.5", "Gemini 3", "Gemma", "Gemma 3"),
    ("Llama", "Llama 2", "Llama 3", "Llama 3.1", "Llama 4"),
    ("DeepSeek", "DeepSeek-V2", "DeepSeek-V3", "DeepSeek-R1"),
    ("Qwen", "Qwen2.5", "Qwen3"), ("ERNIE", "ERNIE 4.0", "ERNIE 4.5"), ("Kimi", "Kimi K2"),
    ("Grok", "Grok 3", "Grok 4"),
    ("NF5688M6", "NF5688M7", "NF5488A5"), ("EC2", "P4d", "EC2 P5"),
    ("SoftBank", "SoftBank Corp.", "SoftBank Vision Fund"), ("Sequoia Capital", "HongShan", "Peak XV"),
    ("HP Inc.", "HPE"), ("Stargate", "Stargate Abilene", "Stargate UAE"),
])
def test_generations_and_siblings_stay_apart(aliases: AliasIndex, names: tuple[str, ...]) -> None:
    assert len({aliases.resolve(n).id for n in names}) == len(names)


@pytest.mark.parametrize(("name", "entity_id"), [
    ("字节", "bytedance"), ("理想", "li-auto"), ("百川", "baichuan"), ("联想", "lenovo"), ("小米", "xiaomi"),
    ("苹果", "apple"), ("Lambda", "lambda"), ("Together", "together-ai"), ("Switch", "switch-inc"),
    ("Perplexity", "perplexity"), ("FAIR", "meta-ai"), ("Sequoia", "sequoia-capital"), ("豆包", "doubao"),
    ("o1", "openai-o1"), ("Colossus", "xai-colossus"), ("德州", "texas"), ("曙光", "sugon"), ("千帆", "baidu-qianfan"),
])
def test_everyday_words_are_weak_but_still_resolve(aliases: AliasIndex, name: str, entity_id: str) -> None:
    assert aliases.is_weak(normalize_for_matching(name))
    assert aliases.resolve(name).id == entity_id


@pytest.mark.parametrize(("text", "linked"), [
    ("样品测试结果并不理想", []),  # 003's "ideal", once read as Li Auto
    ("FP16每个参数占2个字节", []),
    ("他早上喝了一碗小米粥", []),
    ("字节跳动和小米都在采购GPU", ["bytedance", "xiaomi", "gpu"]),
    ("理想汽车与火山引擎合作", ["li-auto", "volcano-engine"]),
    ("鴻海與廣達為微軟組裝伺服器,緯穎供貨Meta", ["foxconn", "quanta", "microsoft", "wiwynn", "meta"]),
    ("美超微和超微都在推AI服务器", ["supermicro", "amd", "ai-server"]),
])
def test_sentences_link_each_name_to_its_own_entity(base: FactBase, text: str, linked: list[str]) -> None:
    mentions = link_entities(align(text), text, base.aliases, {e.id: e for e in base.entities})
    assert [m.entity_id for m in mentions if not m.new] == linked
