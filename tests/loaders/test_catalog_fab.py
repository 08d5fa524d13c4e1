"""The chipmaking catalog (data/catalog/fab-*.yaml): names news uses resolve to the right entity.

Foundries, packaging houses, memory and equipment makers, materials suppliers, governments and the
rules around chipmaking are named in Simplified, Traditional and English text and by stock ticker;
each name must land on one entity, and parents, makers and families must be the real ones.
"""

from __future__ import annotations

import pytest

from computekg.graph.schema import EntityKind, ProductKind
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.normalize import normalize_for_matching


@pytest.mark.parametrize(("name", "entity_id"), [
    # foundries, in all three scripts and as tickers
    ("台积电", "tsmc"), ("台積電", "tsmc"), ("台積公司", "tsmc"), ("2330.TW", "tsmc"), ("TSM", "tsmc"),
    ("三星电子", "samsung-electronics"), ("三星電子", "samsung-electronics"), ("005930.KS", "samsung-electronics"),
    ("三星晶圆代工", "samsung-foundry"), ("Intel Foundry Services", "intel-foundry"),
    ("中芯国际", "smic"), ("中芯國際", "smic"), ("0981.HK", "smic"), ("688981.SH", "smic"),
    ("联电", "umc"), ("聯電", "umc"), ("聯華電子", "umc"), ("2303.TW", "umc"),
    ("格芯", "globalfoundries"), ("格羅方德", "globalfoundries"), ("华虹半导体", "hua-hong-semiconductor"),
    ("1347.HK", "hua-hong-semiconductor"), ("力積電", "psmc"), ("晶合集成", "nexchip"),
    ("TowerJazz", "tower-semiconductor"),
    ("台积电亚利桑那", "tsmc-arizona"), ("Japan Advanced Semiconductor Manufacturing", "jasm"), ("Rapidus", "rapidus"),
    # packaging and test
    ("日月光投控", "ase-technology-holding"), ("3711.TW", "ase-technology-holding"), ("日月光", "ase"),
    ("矽品", "spil"), ("Amkor", "amkor-technology"), ("长电科技", "jcet"), ("長電科技", "jcet"),
    ("通富微电", "tongfu-microelectronics"), ("华天科技", "huatian-technology"), ("京元電子", "kyec"),
    ("力成科技", "powertech-technology"),
    # memory
    ("SK海力士", "sk-hynix"), ("海力士", "sk-hynix"), ("000660.KS", "sk-hynix"), ("美光", "micron"),
    ("MU-US", "micron"), ("长鑫存储", "cxmt"), ("長鑫存儲", "cxmt"), ("长江存储", "ymtc"), ("長江存儲", "ymtc"),
    ("铠侠", "kioxia"), ("鎧俠", "kioxia"), ("Toshiba Memory", "kioxia"), ("南亞科", "nanya-technology"),
    ("華邦電", "winbond"),
    # equipment
    ("阿斯麦", "asml"), ("艾司摩爾", "asml"), ("ASML.AS", "asml"), ("应用材料", "applied-materials"),
    ("應用材料", "applied-materials"), ("AMAT", "applied-materials"), ("泛林集团", "lam-research"),
    ("科林研發", "lam-research"), ("东京电子", "tokyo-electron"), ("東京威力科創", "tokyo-electron"),
    ("8035.T", "tokyo-electron"), ("KLA-Tencor", "kla"), ("爱德万测试", "advantest"), ("北方华创", "naura"),
    ("北方華創", "naura"), ("002371.SZ", "naura"), ("中微公司", "amec"), ("688012.SH", "amec"), ("上海微电子", "smee"),
    ("拓荆科技", "piotech"), ("盛美上海", "acm-research-shanghai"), ("华海清科", "hwatsing"), ("芯源微", "kingsemi"),
    ("韩美半导体", "hanmi-semiconductor"), ("BE Semiconductor Industries", "besi"),
    # EDA, IP, materials, components
    ("新思科技", "synopsys"), ("SNPS", "synopsys"), ("楷登电子", "cadence-design-systems"),
    ("Mentor Graphics", "siemens-eda"), ("华大九天", "empyrean-technology"), ("華大九天", "empyrean-technology"),
    ("概伦电子", "primarius-technologies"), ("晶心科技", "andes-technology"), ("信越化学", "shin-etsu-chemical"),
    ("環球晶", "globalwafers"), ("味之素", "ajinomoto"), ("欣興電子", "unimicron"), ("Showa Denko", "resonac"),
    ("中际旭创", "innolight"), ("中際旭創", "innolight"), ("300308.SZ", "innolight"), ("新易盛", "eoptolink"),
    ("台達電", "delta-electronics"), ("2308.TW", "delta-electronics"), ("奇鋐", "asia-vital-components"),
    ("雙鴻", "auras-technology"), ("维谛技术", "vertiv"), ("弘塑", "grand-process-technology"),
    ("3131.TWO", "grand-process-technology"), ("辛耘", "scientech"), ("3583.TW", "scientech"),
    ("家登精密", "gudeng-precision"), ("中美矽晶", "sino-american-silicon"), ("上詮", "foci-fiber-optic"),
    ("通富超威苏州", "tf-amd-suzhou"), ("國貿署", "taiwan-trade-administration"), ("ASML Holding NV", "asml"),
    ("Tokyo Electron Ltd", "tokyo-electron"), ("Naura Technology Group", "naura"),
    ("台塑集團", "formosa-plastics-group"), ("國發基金", "taiwan-national-development-fund"),
    ("戰略性高科技貨品出口實體管理名單", "taiwan-entity-list"), ("刻蚀设备", "etch-equipment"),
    ("单片清洗设备", "cleaning-equipment"),
    # governments, agencies and funds
    ("美国商务部", "us-commerce-department"), ("美商务部", "us-commerce-department"),
    ("BIS", "us-bis"), ("美国商务部工业与安全局", "us-bis"), ("美國商務部工業暨安全局", "us-bis"),
    ("美国国务院", "us-state-department"), ("美國國務院", "us-state-department"), ("国务院", "china-state-council"),
    ("商务部", "china-mofcom"), ("MOFCOM", "china-mofcom"), ("工信部", "china-miit"), ("发改委", "china-ndrc"),
    ("网信办", "china-cac"), ("市场监管总局", "china-samr"), ("经济产业省", "japan-meti"), ("日本经产省", "japan-meti"),
    ("経済産業省", "japan-meti"), ("荷兰政府", "netherlands-government"), ("MOTIE", "south-korea-motie"),
    ("欧盟委员会", "european-commission"), ("大基金", "china-big-fund"), ("大基金二期", "china-big-fund-phase-2"),
    ("大基金三期", "china-big-fund-phase-3"),
    # policies
    ("实体清单", "us-entity-list"), ("實體清單", "us-entity-list"), ("October 7 rules", "us-export-controls-2022-10"),
    ("1017新规", "us-export-controls-2023-10"), ("AI Diffusion Rule", "us-ai-diffusion-rule"),
    ("AI扩散规则", "us-ai-diffusion-rule"), ("CHIPS Act", "chips-and-science-act"),
    ("芯片与科学法案", "chips-and-science-act"), ("晶片與科學法案", "chips-and-science-act"),
    ("EU Chips Act", "eu-chips-act"), ("外国直接产品规则", "us-foreign-direct-product-rule"),
    # products and technologies
    ("CoWoS", "cowos"), ("CoWoS-L", "cowos-l"), ("CoWoS-S", "cowos-s"), ("台積電CoWoS", "cowos"), ("SoIC", "tsmc-soic"),
    ("Foveros", "intel-foveros"), ("EMIB", "intel-emib"), ("先进封装", "advanced-packaging"),
    ("先進封裝", "advanced-packaging"),
    ("HBM", "hbm"), ("高带宽内存", "hbm"), ("HBM3E", "hbm3e"), ("HBM3e", "hbm3e"), ("HBM4", "hbm4"), ("HBM3", "hbm3"),
    ("Shinebolt", "samsung-shinebolt"), ("GDDR7", "gddr7"), ("LPDDR5X", "lpddr5x"),
    ("EUV光刻机", "euv-lithography"), ("EUV曝光機", "euv-lithography"), ("极紫外光刻机", "euv-lithography"),
    ("High-NA EUV", "asml-twinscan-exe"), ("NXT:2000i", "asml-nxt-2000i"), ("NXT:1980Di", "asml-nxt-1980di"),
    ("NXE:3800E", "asml-nxe-3800e"), ("EXE:5200", "asml-exe-5200"), ("浸润式光刻机", "duv-immersion-lithography"),
    ("台积电3纳米", "tsmc-n3"), ("台積電3奈米", "tsmc-n3"), ("N3E", "tsmc-n3e"), ("N2", "tsmc-n2"), ("4NP", "tsmc-4np"),
    ("台积电A16", "tsmc-a16"), ("18A", "intel-18a"), ("英特尔18A", "intel-18a"), ("SF3E", "samsung-sf3e"),
    ("中芯国际N+2", "smic-n-plus-2"), ("800G光模块", "optical-transceiver-800g"), ("ABF载板", "abf-substrate"),
    ("ABF載板", "abf-substrate"), ("光刻胶", "photoresist"),
])
def test_names_news_uses_resolve_to_their_entity(aliases: AliasIndex, name: str, entity_id: str) -> None:
    assert aliases.resolve(name).id == entity_id


@pytest.mark.parametrize(("entity_id", "parent_id"), [
    ("tsmc-arizona", "tsmc"), ("jasm", "tsmc"), ("esmc", "tsmc"), ("tsmc-nanjing", "tsmc"),
    ("samsung-foundry", "samsung-electronics"), ("samsung-electronics", "samsung-group"), ("intel-foundry", "intel"),
    ("smic-south", "smic"), ("spil", "ase-technology-holding"), ("ase", "ase-technology-holding"),
    ("sk-hynix", "sk-group"), ("solidigm", "sk-hynix"), ("siemens-eda", "siemens"), ("ansys", "synopsys"),
    ("cymer", "asml"), ("hermes-microvision", "asml"), ("hitachi-high-tech", "hitachi"),
    ("acm-research-shanghai", "acm-research"), ("semes", "samsung-electronics"), ("jsr", "jic"),
    ("globalwafers", "sino-american-silicon"), ("tf-amd-penang", "tongfu-microelectronics"),
    ("taiwan-trade-administration", "taiwan-moea"), ("nanya-technology", "formosa-plastics-group"),
    ("us-bis", "us-commerce-department"), ("us-commerce-department", "us-government"),
    ("chips-program-office", "nist"), ("china-mofcom", "china-state-council"), ("japan-meti", "japan-government"),
])
def test_parents_are_the_real_corporate_parents(aliases: AliasIndex, entity_id: str, parent_id: str) -> None:
    assert aliases.resolve(entity_id).parent == parent_id


@pytest.mark.parametrize(("product_id", "maker_id", "family_id"), [
    ("cowos-l", "tsmc", "tsmc-3dfabric"), ("tsmc-soic", "tsmc", "tsmc-3dfabric"), ("intel-foveros", "intel", None),
    ("samsung-x-cube", "samsung-electronics", None), ("tsmc-n3", "tsmc", None), ("intel-18a", "intel", None),
    ("smic-n-plus-2", "smic", None), ("asml-nxt-2000i", "asml", "asml-twinscan-nxt"),
    ("asml-exe-5000", "asml", "asml-twinscan-exe"), ("asml-nxe-3400c", "asml", "asml-twinscan-nxe"),
    ("samsung-shinebolt", "samsung-electronics", "hbm"), ("hbm3e", None, "hbm"), ("hbm3", None, "hbm"),
    ("gddr6x", "micron", None), ("abf", "ajinomoto", None), ("canon-fpa-1200nz2c", "canon", None),
])
def test_products_have_their_maker_and_family(aliases: AliasIndex, product_id: str, maker_id: str | None,
                                              family_id: str | None) -> None:
    product = aliases.resolve(product_id)
    assert (product.maker, product.family) == (maker_id, family_id)


@pytest.mark.parametrize(("policy_id", "date"), [
    ("us-export-controls-2022-10", "2022-10-07"), ("us-export-controls-2023-10", "2023-10-17"),
    ("us-export-controls-2024-12", "2024-12-02"), ("us-ai-diffusion-rule", "2025-01-13"),
    ("chips-and-science-act", "2022-08-09"), ("netherlands-export-controls-2023", "2023-06-30"),
    ("china-gallium-germanium-controls-2023", "2023-07-03"),
])
def test_rules_carry_their_publication_date(aliases: AliasIndex, policy_id: str, date: str) -> None:
    policy = aliases.resolve(policy_id)
    assert (policy.kind, policy.date) == (EntityKind.POLICY, date)


def test_process_nodes_and_packaging_are_typed_for_queries(aliases: AliasIndex) -> None:
    assert aliases.resolve("N3E").product_kind is ProductKind.PROCESS
    assert aliases.resolve("CoWoS").product_kind is ProductKind.PACKAGING
    assert aliases.resolve("HBM3E").product_kind is ProductKind.MEMORY
    assert aliases.resolve("NXT:2000i").product_kind is ProductKind.EQUIPMENT


@pytest.mark.parametrize(("text", "entity_id"), [
    ("公司努力成为行业第一", "powertech-technology"),  # 力成 inside 努力成为
    ("其中芯片占比三成", "smic"),  # 中芯 inside 其中芯片
    ("平台达到新高", "delta-electronics"),  # 台达 inside 平台达到
    ("达到世界先进水平", "vanguard-international-semiconductor"),
    ("员工获赔N+1", "smic-n-plus-1"),  # the severance formula, not SMIC's node
    ("德国经济部长表示", "taiwan-moea"),
    ("国家登记在册", "gudeng-precision"),  # 家登 inside 国家登记
])
def test_names_that_are_everyday_words_are_flagged_weak(aliases: AliasIndex, text: str, entity_id: str) -> None:
    """A mention found inside ordinary words is marked weak, so it can be held back without context."""
    (mention,) = [m for m in aliases.find_mentions(text) if m.entity_id == entity_id]
    assert aliases.is_weak(mention.alias)


@pytest.mark.parametrize(("text", "entity_id"), [
    ("美國國務院表示將加強管制", "us-state-department"),  # Taiwan's 國務院 here is the US State Department
    ("美商务部宣布新规", "us-commerce-department"),  # 美商务部 is the US department, not MOFCOM
    ("The European Chips Act entered into force", "eu-chips-act"),
])
def test_longer_names_win_over_the_shorter_name_inside_them(aliases: AliasIndex, text: str, entity_id: str) -> None:
    found = {m.entity_id for m in aliases.find_mentions(text)}
    assert entity_id in found
    assert not found & {"china-state-council", "china-mofcom", "chips-and-science-act"}


def test_bare_numbers_and_english_words_are_not_company_names(aliases: AliasIndex) -> None:
    """Tickers whose symbol is an English word are left out, so 'onto' and 'keys' stay words."""
    text = normalize_for_matching("The tools were loaded onto the truck with the keys.")
    assert aliases.find_normalized_mentions(text) == []
