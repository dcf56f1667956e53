"""Extraction rules on short texts written for these tests, parsed by the real GiNZA model.

All snippets are parsed in one pass (one fixture for the module); each test looks at one of them.
The names are made up, except where a rule answers what the NER does with a real name (広島カープ
cut in two); what is checked is the rule, read off the sentence by hand.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

SNIPPETS = {
    "local_government": "高知県の沿岸部で３日、大雨による土砂崩れが起きた。"
                        "県は被害の状況を踏まえ、来年度中に避難計画を見直す方針だ。",
    "place_in_parentheses": "精密機器メーカーの水野製作所（静岡県浜松市）は５日、新しい工場を建設すると発表した。",
    "relative_head": "社長を務める川口真理子氏は記者会見で新しい計画を説明した。",
    "former_title": "ブラウン前首相が来日した。",
    "appointee_list": "新内閣では、財務相に北野浩二氏、防衛相に南田修氏を起用した。",
    "passive_office": "田村和夫氏は同協会の第５代会長に選ばれた。",
    "unit_of_parent": "北海道防災対策課の森田健二課長が説明した。",
    "part_link": "大和電機傘下の東和商事は新製品を発売した。",
    "subsidiary_noun": "昨年の買収で、東和商事は大和電機の完全子会社となった。",
    "gazetteer_name": "決勝ではチェコの選手が優勝し、国会でも話題になった。",
    "speech_noun": "松井選手は試合後、支えてくれた家族への感謝を口にした。",
    "stance_clause": "山本社長は、海外事業を拡大する考えを示した。",
    "quote_before": "「この工場は地域の誇りだ。必ず再建する」。北村市長は記者会見でこう語った。",
    "quote_continued": "田中一郎氏は「改革を急ぐ」と述べた。「時間は残されていない」。",
    "surname_alone": "陸上女子の西田美咲が優勝した。西田は大会後、家族への感謝を口にした。",
    "person_affiliation": "女子やり投げの北村彩花（ＪＡＬ）が優勝した。",
    "company_descriptor": "米半導体大手ノースゲートは３日、日本に工場を建設すると発表した。",
    "name_once_typed": "ミドリヤ（札幌市）は統合を発表した。ミドリヤの店舗はすべて残る。",
    "held_event": "式典の会場では閉会式が開かれ、佐藤一郎社長や鈴木花子会長らが出席した。",
    "held_in_place": "授賞式は来月１０日にオスロで開かれる。",
    "announced_plan": "東和電機は５日、北斗化学を約３００億円で買収すると発表した。",
    "plan_clause_subject": "補給機は数日かけて基地に近づき、山下健太飛行士がアームで機体をつかむ計画だ。",
    "disaster_names": "気象庁は、令和８年南海地震と命名した。同庁は台風５号にも注意を呼びかけた。",
    "sports_event": "２０１６年リオ大会の女子レスリングの吉川千春が金メダルを取った。山中投手は前日の第３戦に先発した。",
    "capital": "ペルーの首都リマで会合が開かれた。",
    "reading_then_title": "朴成民（パク・ソンミン）監督の新作が公開された。",
    "country_before_event": "作品は独ベルリン国際映画祭で上映された。",
    "support_expressed": "会談で、李首相は日本の提案に理解を示した。",
    "ship_name": "首相は停泊中の護衛艦イズモの艦上で訓示した。",
    "implied_company": "大和電機は新工場の建設を発表した。山内剛社長は「地域に貢献したい」と語った。",
    "cosigned": "大和電機と東和商事は同日、合弁会社の設立に関する契約を結んだ。",
    "place_left": "ロケットは鹿児島県南種子町の宇宙センターから打ち上げられた。同県志賀町では震度５を観測した。",
    "held_passive": "決勝はトロントで行われた。",
    "source": "気象庁によると、震源の深さは約１０キロと推定される。北朝鮮による発射が続いた。",
    "quote_any_verb": "山田太郎監督は試合を「１００点満点で９０点だ」と自賛した。監督は選手を「宝」と呼んだ。",
    "office_in_parentheses": "高田氏は、改革党の森本健司代表（福岡県知事）と会談した。",
    "name_then_time_word": "２０１１年の東日本大震災以来の規模となった。衛星はＨ２Ａロケットで打ち上げられた。",
    "administration": "スミス政権下で規制が緩和された。",
    "whose_work": "佐藤首相は、停戦に尽力した田中一郎氏の取り組みを評価した。",
    "role_word": "山本一郎選手は試合後に会見した。",
    "arrival": "スミス大統領は２９日、韓国入りした。",
    "instruction": "山田首相は関係省庁に避難対策の徹底を指示した。大船渡市は住民に避難指示を出した。",
    "award_chosen": "主演の高木陽子さんは、主演女優賞に選ばれた。",
    "dates": "山田太郎首相は１日午後４時１０分ごろ、スミス大統領と会談した。佐藤一郎氏は３日から５日まで米国を訪問する。鈴木花子氏は６年前に来日した。",
    "office_before_name": "大関琴風海は初日から５連勝した。新横綱の琴風山が土俵入りを披露した。",
    "quoted_name": "町の特産品「黒潮みかん」の出荷が始まった。市は別の品種を「南風こがね」と名付けた。"
                   "町は地域の「観光元年」を宣言した。",
    "successor_thing": "新型機「みずほ」は、補給機「あおさぎ」の後継機にあたる。",
    "surname_as_words": "研究所の北国均所長と島国均所長が会見した。",
    "stance_plan": "大和電機の山内剛社長は、世界一のメーカーを目指す考えを示した。",
    "on_the_way_home": "スミス大統領は会議に出席せず、そのまま帰国の途に就いた。",
    "award_of_award": "作品は北海映画賞の国際長編映画賞の候補に選ばれた。",
    "acronym_under_parent": "大和電機傘下のＮＴＸが新製品を発売した。",
    "event_place_in_parentheses": "山田選手は昨年の世界選手権（ブダペスト）に続いて優勝した。",
    "reading_in_one_word": "両首脳は韓国南部の釜山（プサン）で会談した。",
    "city_dot_facility": "協会は名古屋・栄町アリーナで理事会を開いた。",
    "disaster_landfall": "台風１２号は５日未明、紀伊半島南部に上陸した。",
    "region_country": "代表団は中東カタールの首都ドーハを訪れた。",
    "university_campus": "米テキサス大オースティン校のマリア・ロペス氏も受賞した。",
    "both_presidents": "大和電機の山田一郎社長と東和商事の佐藤花子社長が会見した。両社の社長は同日、基本合意書に署名した。",
    "met_then_signed": "山田太郎氏は改革党の森本健司代表と国会内で会談し、連立に向けた合意書に署名した。",
    "two_offices": "大和製鉄の山田一郎会長兼ＣＥＯ（最高経営責任者）は記者会見した。",
    "fused_honorific": "中国の習近平国家主席は演説した。習氏は「協力を深める」と述べた。",
    "event_attended": "１２日夜に男子走り高跳び決勝があった。森川亮選手は表彰式に臨んだ。山口選手は大会に出場した。",
    "event_within_event": "東アジア選手権は１０日、男子１００メートル決勝があり、田中健一が優勝した。",
    "event_at_hand": "ワールドシリーズは１日、第７戦が行われた。山田一郎投手は九回から登板した。",
    "state_and_city": "北星製鋼の本社はペンシルベニア州ピッツバーグにある。研究所は米オハイオ州コロンバスに置く。",
    "award_won": "連続ドラマ「北の港」が作品賞（ドラマ部門）を受賞した。主演の森田彩さんは賞を受けた。",
    "country_before_award": "映画は米アカデミー賞の候補になった。",
    "disaster_occurred": "長野県松川村で３日に発生した山林火災は鎮圧された。訓練は地震が起きたとの想定で始まった。",
    "body_set_up": "県は非常災害対策本部を設置した。全国から緊急消防援助隊が派遣された。市は本部を設けた。",
    "inside_a_known_name": "高田氏は森本代表と国会内で会談した。",
    "event_short_name": "北国・東北博覧会は１３日に閉幕した。博覧会は再来年にも開かれる。",
    "quoted_title": "興行収入は２００３年公開の「港町探偵団 THE MOVIE 3 夜明けの灯台を守れ！」を超えた。",
    "same_company": "東和電機は、大和電機との協議に進展がなかったと説明した。同社は昨年８月に買収を打診した。",
    "short_name_in_parentheses": "北国観光協会（観光協会）は１日、集計を発表した。観光協会の山田一郎会長は「満足だ」と述べた。",
    "meeting_not_incident": "南海相撲協会は２８日、東京・両国国技館で夏場所後の番付編成会議と臨時理事会を開いた。",
    "event_of_league": "北日本サッカー連盟の選手権大会は２６日に開幕する。",
    "competitors_listed": "２０１２年ロンドン大会の女子柔道の松本薫子、男子体操の内田航平以来の快挙となった。",
    "joined_team": "山田一郎選手は北海ベアーズから移籍した。佐藤花子は昨年、東和電機に入団した。田中は東京に移籍した。",
    "named_before_nado": "東和電機など地元企業は、新しい工場の整備を急ぐ考えだ。",
    "cooperative": "北国漁業協同組合は新しい漁港の整備を求めた。",
    "english_gloss": "首相は会談を「大きな前進 (GREAT PROGRESS)」と評価した。世界貿易機関（World Trade Organization）は声明を出した。",
    "noun_ending": "日本シリーズは２日、第５戦が行われた。佐藤健投手は、前日の第４戦に先発したが、八回から救援で登板。",
    "dotted_venue": "北国大会は１０日、スタッド・ド・リヨンで男子１００メートル決勝があった。",
    "other_topic": "ペルーは輸出規制を見送り、チリは関税を下げることで合意した。佐藤首相が協力を求め、山田大統領は理解を示した。",
    "concept_acronym": "政府は国内総生産（ＧＤＰ）の見通しを示した。世界保健機関（ＷＨＯ）は声明を出した。",
    "numbered_meeting": "国連生物多様性条約第１７回締約国会議（ＣＯＰ１７）がペルーで開幕した。",
    "venue_words": "決勝はシアトルのノースウッド・アリーナで行われた。式典は福岡・天神中央公園で開かれた。",
    "ner_cuts": "広島カープの新井貴浩監督は続投する。阪神タイガースの佐藤輝明内野手が３打点を挙げた。"
                "ソフトバンクグループ傘下の英アームは新型半導体を発表した。",
    "part_apposition": "国連の専門機関である世界保健機関は警告した。北斗電機の子会社である東和商事は増益だった。"
                       "欧州連合（ＥＵ）加盟国のフランスとドイツが反対した。",
    "event_words": "参院選は来月２０日に投開票される。大相撲秋場所で琴風海が優勝した。"
                   "山田首相は主要７か国首脳会議（Ｇ７サミット）に出席した。Ｇ７サミットは２日間開かれる。山田氏は初当選した。",
    "home_government": "政府は緊急対策本部を設置した。政府高官は懸念を示した。北見市は災害警戒本部を設けた。",
    "foreign_dateline": "【ソウル共同】政府は新たな支援策を発表した。",
    "successor_after": "田中一郎社長の後任に、鈴木次郎副社長が就く。",
    "support_noun": "山田太郎首相は、ペルーへの支援を続ける考えを示した。北斗化学は新薬の開発を目指す。",
    "wire_report": "【北京共同】中国外務省の王毅報道官は３日の記者会見で、日本の対応を批判しました。"
                   "気象庁によりますと、大雨は４日まで続く見込みです。"
                   "韓国の李在明大統領は、日本との協力を強化する方針を明らかにした。会社の三部健太社長は語った。",
    "team_names": "サッカーのＪ１リーグで、鹿島アントラーズが優勝を決めた。ドジャースの大谷翔平選手は本塁打を放った。",
    "korean_report": "大統領室の崔美羅（チェ・ミラ）報道官が同日、記者団に明らかにした。"
                     "李大統領は同日午後、来韓中のオーストラリアのアンソニー・アルバニージー首相ともソウルで会談した。",
    "dotted_company": "東和電機はボルタリス・エナジーと電池の供給契約を結んだ。"
                      "ボルタリスのエミリー・カーター最高経営責任者は期待を示した。",
    "contract_announced": "北辰電機はあわせて、米国の電池メーカー、ソラリス・パワーと、次世代電池を共同で開発する"
                          "契約を結んだことを明らかにした。",
    "leaver_successor": "北辰電機は、山岸隆社長が退任し、後任に常務執行役員の森田彩氏が昇格すると発表した。",
    "nominated_successor": "田中社長は、退任する山田副社長の後任に鈴木一郎氏を指名した。",
    "club_officer": "上田ライジングホークスは２日、小松健ヘッドコーチが今季限りで退任すると発表した。"
                    "社長の荻原和夫氏が記者会見で説明した。",
    "office_held": "調査計画の総設計師を務める王海濤（ワン・ハイタオ）氏は、記者会見でこう強調した。"
                   "森田氏は、新型車の開発責任者を務めたあと、海外事業を統括した。"
                   "真田さんは主演とプロデュースを務めた。",
    "club_season": "上田ライジングホークスは２日、新しいコーチを発表した。早川氏は地元の東和西高から北斗大学に進み、"
                   "２０２２年にコーチとしてチームに加わった。クラブはまた、センターの佐藤健選手が来季から加入すると"
                   "明らかにした。チームは来季、東和市総合アリーナに本拠地を移す。",
    "schooling": "西川翔は東和体育大学を経て、北斗電機に入社した。",
    "resignation_accepted": "北村首相は、辞意を表明していた南田修外相の辞表を受理し、後任に西野浩氏を指名した。",
    "conveyed": "「責任を取りたい」。南田外相は１１日、首相にこう伝えたという。"
                "北村首相は、東和国を訪問すると相手側に伝えた。東和国の首相は続投すると伝えられている。",
    "two_governments": "韓国の北村大統領はオーストラリアのスミス首相とソウルで会談した。両国政府は、"
                       "重要鉱物の協力に関する了解覚書（ＭＯＵ）に署名した。",
    "ministries": "韓国の東和通商資源部の朴正浩長官が辞任した。後任に同部第１次官の金英洙氏が就く。"
                  "朴長官は記者団に謝罪した。大統領室の崔美羅報道官が明らかにした。中国外交部の報道官が反論した。"
                  "東和電機の営業部が担当した。",
    "league_games": "バスケットボール男子Ｖリーグ１部（Ｖ１）の札幌ベアーズは２日、ホームでサンダーホークス戦に臨んだ。"
                    "札幌ベアーズがグリーンファルコンズを８０―７５で破り、Ｖ１プレーオフ進出を決めた。"
                    "主将は１月のＶリーグオールスターゲームにも出場した。",
    "literary_prize": "作家の山村静香さんが、小説「海の記憶」で第１７０回芥川賞を受賞した。",
    "company_after_kaisha": "東和物産は、米国の物流会社ノースウィンド・ロジスティクスを買収すると発表した。",
    "planned_direction": "政府関係者によりますと、北村首相は来月、インドを訪問する方向で調整しています。",
    "announced_promotion": "東和自動車は８日、佐藤健一副社長（５８）が４月１日付で社長に昇格する人事を発表した。",
    "nested_clause_contract": "大和電機と東和商事は同日、工場を運営する合弁会社の設立に関する契約を結んだ。",
    "typhoon_landfall": "気象庁によると、台風１５号は５日午後、鹿児島県に上陸した。",
    "numbered_election": "第５７回衆院選は２７日に投開票された。",
    "club_news": "【松本】バスケットボール男子の松本ブレイジングイーグルスは２日、今季限りで退任する山田健ヘッドコーチの"
                 "後任に、アシスタントコーチの川村翔太氏が昇格すると発表した。Ｂ２の上田ライジングホークスは１９日、新しいコーチを発表した。",
    "exhibition": "「北の光と海の画家展」が５日、札幌市の北斗美術館で開幕した。画家は１９１０年の第３回北方美術展に出品した。"
                  "開幕式には北斗美術館の佐藤和子館長が出席した。",
    "agency_dateline": "【北京時事】中国国家航天局は２０日、探査機を打ち上げた。",
    "nested_quote": "町内の森田登さん（６８）は「あっという間に水が腰の高さまで来た」と声を震わせた。"
                    "気象台の立石健二主任予報官は「崖には近づかないで」と述べた。",
    "quote_then_speech": "「新しい球場で市民に勝利を見せたい」。川村翔太監督は同日、記者会見で抱負を語った。",
    "strait": "中国や台湾海峡情勢といった敏感な議題は避けられた。",
    "descriptor_not_event": "自動車メーカーの北斗モーターズは、きょう、山岸隆社長が退任すると発表しました。",
    "located_at": "研究チームは茨城県つくば市にある物質材料研究機構で実験した。北斗電機は札幌市に本社を置く。"
                  "南星化学の本社は米ペンシルベニア州ピッツバーグにある。",
    "dotted_places": "北斗電機はドイツ・ベルリンで開かれた国際見本市に出展した。",
    "inside_the_city": "秋田市内の小学校で避難訓練が行われた。大阪府内全域で停電が続いた。",
    "more_event_heads": "第３回南山マラソンには約８千人が参加した。南山雪まつりは４日に始まった。"
                        "南山モーターショーが開幕した。西山ダービーには１８頭が出走した。",
    "school_misread": "北斗駅伝で東和学院大が優勝した。西山大は２位だった。",
    "acquisition_story": "米電気自動車（ＥＶ）大手リヴァートン・モーターズは１１日、日本の部品メーカー、東和精機を"
                         "買収すると発表した。リヴァートンのマイケル・ハーディング最高経営責任者（ＣＥＯ）は声明で"
                         "「生産を加速させたい」と述べた。北斗電機の広報担当者は、工場を閉鎖すると説明した。",
    "stated_support": "佐藤首相は停戦案への支持を表明した。東和電機は来年度、新工場を建設する予定だ。",
    "passive_destination": "南山町には自衛隊が派遣された。",
    "club_results": "サッカーのＪ１リーグは１３日、第２９節の９試合が行われ、首位の北斗レッズは南山ＦＣに２－１で勝った。"
                    "プロ野球の東和ジャガーズは１３日、佐々木亮投手が手術を受けると発表した。",
    "medal_at_worlds": "陸上の世界選手権で、女子マラソンの山口ひかり選手（東和化学）が銅メダルを獲得した。"
                       "プロ野球のオープン戦が始まった。",
    "unnamed_quake": "気象庁によると、３日午前、北海道東方沖を震源とする地震があり、北原市で震度５強を観測した。"
                     "この地震による津波の心配はない。西町で住宅が全焼する火事があった。",
    "named_quake": "北海道東方沖を震源とする地震があった。気象庁はこの地震を「令和８年北海道東方沖地震」と命名した。",
    "supposed_quake": "訓練は、南山湾を震源とする地震が起きたとの想定で始まった。",
    "rail_lines": "東北新幹線は仙台―盛岡間で運転を見合わせた。ＪＲ九州は、県内の在来線の運転を終日見合わせた。",
    "own_subject": "北村知事は災害対策本部を設置した。西町では住宅２棟が全壊した。",
    "counted_documents": "政府は年内に防衛関連３文書を改定する。",
    "probe_story": "ＪＡＸＡは２０日、小惑星探査機「はやぶさ３」を新型ロケットＨ３で打ち上げた。"
                   "探査機は２０３１年に小惑星「リュウグウ２」に着く。気象衛星ひまわり１０号の打ち上げは延期された。"
                   "東和重工は次世代潜水艦の建造を受注した。",
    "foreign_offices": "韓国の朴成民（パク・ソンミン）大統領は２日、オーストラリアのジョン・ハリス首相と会談した。"
                       "朴大統領は「協力を深めたい」と述べた。ハリス首相は３日に帰国する。長官は大統領にこう伝えた。",
    "film_prize": "西川涼子監督の「霧の港」が最高賞の銀鷲賞に選ばれた。陶芸家の山本光雲さんが北斗文化勲章を受章した。"
                  "山田監督の「決意」という言葉が響いた。",
    "company_units": "東和電機の子会社西山工業は新車を発表した。南星商事傘下の東和物流が上場した。"
                     "東和大学医学部の研究グループが発表した。",
    "hotel_venue": "式典は札幌市の南山ホテルで開かれた。南山ダムの放流が始まった。",
    "headline_plan": "東和自動車、来春にも新型車を発売へ。",
    "joined_club": "北斗レッズに所属する田中健太選手が引退した。",
    "ceremony_one": "授賞式は東京都内で開かれた。",
    "ceremony_two": "授賞式は札幌市で開かれた。",
    "appointed_in_wo": "東和電機は山田太郎氏を新社長に起用する人事を発表した。",
    "alliance": "東和自動車は米テスラと提携した。",
    "taking_over": "佐藤一郎氏が山田太郎氏の後を継ぎ、社長に就任した。西川健氏に代わって北村翔氏が監督に就いた。"
                   "南条透氏は東和花子氏から代表職を引き継いだ。",
    "award_given": "東和財団は北村翔さんに今年の東和文化賞を授与した。北斗市は東和財団から記念品を贈られた。"
                   "佐藤氏の記念品がスミス氏に贈られた。",
    "police_report": "南山県警は２０日、会社員の西田健一容疑者を逮捕したと発表した。県警によると、容疑を否認している。",
    "river_flood": "南山市を流れる北川が氾濫した。",
    "local_heads": "宮城県の村井嘉浩知事は災害対策本部を設置した。横浜市の山田一郎市長も出席した。",
    "hedged_kana": "東和電機は来月にも新工場の建設を発表するとみられる。",
    "place_written_short": "大雨で西原市の川が氾濫した。西原では住宅３０棟が浸水した。",
    "group_of_org": "式典では、東和財団の西田理事長から北斗大学の研究チームに賞状が手渡された。"
                    "西山大学の研究グループが新薬を開発した。東和市は北斗市の訪問団に記念品を贈った。",
    "relative_object": "東和党と北斗党が推薦した田中花子氏が当選した。山田太郎首相が訪れた西原市では式典が開かれた。"
                       "社長を務める北村翔氏が説明した。",
    "title_alone": "北条美佐子知事が開会式に出席した。知事は「祭りを守りたい」とあいさつした。",
    "title_alone_two": "北条美佐子知事と西田健知事が会談した。知事は「協力したい」と述べた。"
                       "東和電機の南田健社長が説明した。北斗化学で社長を務める西川翔氏も出席した。",
    "located_word": "アステリオン、鷹ノ台化成を子会社化。電子部品大手のアステリオン（東京都港区）は１６日、"
                    "鷹ノ台化成（富山市）の株式を取得すると発表した。アステリオンは鷹ノ台化成を子会社にする。",
    "support_forms": "藤井涼子氏は東和党の推薦に加え、桜浜商工会議所の支援も受けた。"
                     "祭りには北斗酒造や白鷺商店街振興組合などが協賛している。"
                     "東和党と北斗党が推薦した田中花子氏が当選した。山田太郎首相は佐藤一郎氏を東和賞に推薦した。",
    "short_forms": "９日、北斗電工ホールディングス傘下のソラリス・モバイルは新製品発表会「ソラリス・ナイト」を開いた。"
                   "発表会には親会社である北斗電工ＨＤの鷹取修会長も出席した。端末はハノイの工場「東邦電工ハノイ工場」で作る。"
                   "白鷺市で「第５０回しらさぎ川まつり」が開幕した。しらさぎ川まつりは４日まで続く。",
    "membership_forms": "インドネシアが加盟する東南アジア諸国連合は会合を開いた。サンライズ広島のＭＦ早瀬蓮が移籍する。"
                        "東和ＦＣの投手山田太郎は完投した。",
    "quote_then_speaker": "佐伯真理子氏は壇上で「皆に感謝したい」と述べた。「基礎研究の大切さが認められた」。"
                          "森川敬一所長は式典後、顔をほころばせた。",
    "place_before_date": "新潟県白鷺市で３日、「第５０回しらさぎ川まつり」が開幕した。",
    "zhou_city": "杭州市に拠点を置く映画会社が新作を発表した。",
    "award_token_alone": "田中一郎市長から山田花子さんに賞状が手渡された。",
    "award_tokens": "北和大学の研究班が、スイスのヘルマン財団が選ぶ「ヘルマン国際材料科学賞」を受賞した。"
                    "授賞式では、同財団の佐藤一郎理事長から研究班の代表に賞状が手渡された。"
                    "別の式典では、青葉市の鈴木花子市長から地元の合唱団に記念の盾が贈られた。",
    "inside_event_name": "山田太郎首相は釜山での東アジア経済連携機構（ＥＡＥＯ）首脳会議に出席した。",
    "inside_event_name_and_out": "山田太郎首相は釜山での東アジア経済連携機構（ＥＡＥＯ）首脳会議に出席した。"
                                 "東アジア経済連携機構は新たな加盟国を迎えた。",
    "common_word_acronym": "販売は電気自動車（ＥＶ）と液化天然ガス（ＬＮＧ）で伸びた。国際協力機構（ＪＩＣＡ）も支援した。",
    "head_office_in_parentheses": "化学大手の北斗化成（本社・東京都港区）は１３日、決算を発表した。",
    "company_word": "長野県松本市に本社を置く安曇さくら電鉄の大町義雄会長が２日、辞任した。同社によると、後任は未定だ。",
    "minister_of_fields": "韓国の朴成民（パク・ソンミン）統一相は２日、ソウルで北村翔首相と会談した。"
                          "中国の劉国華（リウ・グオホア）商務相も同席した。",
    "given_name_after_span": "中国の王海明（ワン・ハイミン）外相は１８日、北京で北村翔首相と会談した。",
    "visit_nouns": "欧州歴訪中の北村翔首相は３日、パリで記者会見した。ペルーを訪問中の韓国の金正浩外相も同行した。"
                   "来日中のドイツの作曲家ハンナ・ベルクさんは公演に臨んだ。",
    "suffix_read_given_name": "韓国の朴成民外相も同行した。",
    "katakana_name_then_title": "タンザニアのグレース・ムワンガ・エネルギー鉱物資源相は覚書に署名した。",
    "club_and_headline": "北斗ＳＣ、新監督に山田ヘッドコーチ\n"
                         "サッカーＪ３の北斗ＳＣは３日、来季の新監督にヘッドコーチの山田太郎氏が昇格すると発表した。"
                         "ＦＣ東和ユナイテッドは佐藤一郎監督の退任を発表した。東和ユナイテッドは後任を探す。",
    "descriptor_no_name": "電機大手の東和テック（大阪市）は３日、福岡市に本社を置く部品メーカーのミドリ堂を約５０億円で"
                          "買収すると発表した。会場には新興企業のブースが並んだ。",
    "office_given_before": "東和テックの山田太郎社長と北斗化成の佐藤花子社長が会見した。"
                           "山田社長は「北斗化成の技術は高い」と述べた。",
    "listed_attendees": "青嵐映画賞の授賞式が２０日、名古屋市で開かれた。主演の高木陽子さんに賞が贈られた。"
                        "会場は満席だった。式には財団の大河内正臣理事長や名古屋市の川辺純一市長、"
                        "来日中の映画監督アンヌ・ルクレール氏ら約３００人が出席した。",
    "unit_head": "大和電機の山田太郎宇宙事業部長は「量産に自信を持てた」と述べた。",
    # (these names, from tests/fresh/, give the parse the rule answers; 北村 and 南田 parse rightly)
    "phrase_before_quote": "大町義雄会長が辞任した。社長を当面兼務する桑原氏は同日、本社で記者会見し、"
                           "「大町会長が守ってきた地域の足を引き継ぐ」と語った。",
    "appointer": "山田首相は財務相に北野浩二氏を起用した。東和電機は後任の会長に南田恵子社長を充てる人事を内定した。",
    "country_descriptor_comma": "韓国の電池メーカー、ハンビット・エナジーは３日、新工場を建てると発表した。"
                                "台湾の素材メーカー、永晟材料も参加する。",
    "school_name": "首相は避難所となっている市立緑ケ台中学校を視察した。北山小学校の児童も避難した。",
    "praised_through": "山田監督は主演した桐島ひなたさんの演技を絶賛した。村瀬一郎氏は同社の真壁誠二社長について"
                       "「決断が速い」と評価した。北村外相はペルーが成し遂げた経済成長を高く評価した。",
    "kana_given_name": "主演した若手俳優の白石ひなたさんの演技が光った。共演の水野あかりさんも受賞した。",
    "work_title": "受賞作は、漁村を舞台にした長編『白波の記憶』だ。監督は「『海の歌』という曲が好きだ」と語った。",
    # (the town's name, from tests/fresh/, is one the dictionary cuts in two: 鳴瀬|台|市)
    "town_entered": "宮城県沖を震源とする強い地震があり、宮城県鳴瀬台市で震度６強の揺れを観測しました。"
                    "けさ鳴瀬台市に入った高瀬康弘総理大臣は、避難所となっている中学校を視察しました。"
                    "東和商事は大和電機の傘下に入った。",
    "list_head_on_verb": "北山町立図書館「みなとライブラリー」が開館した。同日の開館式には山田太郎町長（６１）や、"
                         "地元選出の衆院議員の佐藤花子氏ら約２００人が出席した。",
    "press_conference": "東和電機の山田太郎社長は東京都内で記者会見し、新工場の計画を説明した。"
                        "北村翔首相はスミス大統領と会見した。",
    "city_dot_district": "山田太郎首相は２８日、来日中のスミス大統領と東京・元赤坂の迎賓館で会談した。",
    "successor_of_leaver": "東和電機の北村義雄会長が２日、辞任した。同社は後任の会長に南田恵子社長を充てる人事を内定した。",
    "successor_of_appointed": "北斗ＳＣは３日、ヘッドコーチの山田太郎氏が新監督に昇格すると発表した。"
                              "今季限りで退任する佐藤一郎監督（５５）の後任となる。",
    "besides": "署名式が開かれた。署名式には北村翔氏のほか、インドネシアのアグス・ウィジャヤ大統領も出席した。"
               "閉会式には北村翔氏のほか、南田修氏も出席した。",
    "unnamed_talks": "山田太郎首相は北村翔大統領との閣僚級協議に臨んだ。閉会式には佐藤一郎氏が出席した。",
}


@pytest.fixture(scope="module")
def results():
    from kg.articles import article_from_text
    from kg.graph import extract_all

    arts = [article_from_text(text, id=name, date="2026-04-01") for name, text in SNIPPETS.items()]
    return {r.article.id: r for r in extract_all(arts)}


def facts(r) -> list[tuple[str, dict[str, set[str]]]]:
    """Each fact as (class, {role: {entity labels}})."""
    label = {e.key: e.label for e in r.entities}
    out = []
    for f in r.facts:
        roles: dict[str, set[str]] = {}
        for role, k in f.roles:
            roles.setdefault(role, set()).add(label[k])
        out.append((f.cls, roles))
    return out


def has(r, cls: str, **roles: str) -> bool:
    return any(c == cls and all(v in got.get(k, set()) for k, v in roles.items()) for c, got in facts(r))


def test_a_bare_prefecture_word_is_the_prefecture_and_acts_as_agent(results):
    r = results["local_government"]
    assert has(r, "Planning", agent="高知県")
    # one prefecture node: 県 is not an entity of its own
    assert [e.label for e in r.entities if e.cls == "Place"] == ["高知県"]


def test_the_place_in_parentheses_is_not_the_subject_and_keeps_the_full_name(results):
    r = results["place_in_parentheses"]
    assert has(r, "Statement", agent="水野製作所")
    assert not any(c == "Statement" and "浜松市" in roles.get("agent", set()) for c, roles in facts(r))
    assert has(r, "Containment", agent="水野製作所", location="浜松市")
    city = next(e for e in r.entities if e.label == "浜松市")
    assert "静岡県浜松市" in city.alt_labels
    # the NER read 水野製作所 as a person: no person is left inside the company's name
    assert not any(e.cls == "Person" for e in r.entities)


def test_the_noun_a_clause_describes_is_its_subject(results):
    r = results["relative_head"]
    assert has(r, "PositionHolding", agent="川口真理子", position="社長")


def test_a_former_title_written_as_one_token_is_split_off_the_name(results):
    r = results["former_title"]
    assert [e.label for e in r.entities if e.cls == "Person"] == ["ブラウン"]
    holding = next(f for f in r.facts if f.cls == "PositionHolding")
    assert holding.predicate == "前首相"
    # 来日 as a verb is a visit to Japan
    assert has(r, "Visit", agent="ブラウン", location="日本")


def test_each_person_listed_after_an_office_holds_it(results):
    r = results["appointee_list"]
    assert has(r, "PositionHolding", agent="北野浩二", position="財務相")
    assert has(r, "PositionHolding", agent="南田修", position="防衛相")
    assert not has(r, "PositionHolding", agent="北野浩二", position="防衛相")


def test_a_passive_appointment_keeps_the_office(results):
    r = results["passive_office"]
    assert has(r, "Appointment", agent="田村和夫", position="会長")


def test_a_unit_named_after_its_parent_is_part_of_it(results):
    r = results["unit_of_parent"]
    assert has(r, "Part", agent="北海道防災対策課", theme="北海道")
    assert has(r, "Membership", agent="森田健二", organization="北海道防災対策課")


def test_a_company_under_another_is_part_of_it(results):
    assert has(results["part_link"], "Part", agent="東和商事", theme="大和電機")
    # the subject of the clause, not the sentence's first topic-like phrase
    assert has(results["subsidiary_noun"], "Part", agent="東和商事", theme="大和電機")
    assert not has(results["subsidiary_noun"], "Part", agent="大和電機")


def test_gazetteer_names_are_found_and_typed_by_the_gazetteer(results):
    r = results["gazetteer_name"]
    by_label = {e.label: e for e in r.entities}
    # the NER reads チェコ as a person and misses 国会: the gazetteer knows both
    assert by_label["チェコ"].cls == "Country" and by_label["チェコ"].wikidata
    assert by_label["国会"].cls == "Government" and by_label["国会"].wikidata


def statements(r) -> list[tuple[int, set[str], str | None]]:
    label = {e.key: e.label for e in r.entities}
    return [(f.sentence, {label[k] for k in f.role("agent")}, f.quote) for f in r.facts if f.cls == "Statement"]


def test_what_someone_expresses_is_a_statement(results):
    s = next(f for f in results["speech_noun"].facts if f.cls == "Statement")
    assert s.predicate == "口にする" and [e.label for e in results["speech_noun"].entities
                                        if e.key in s.role("agent")] == ["松井"]
    assert has(results["stance_clause"], "Statement", agent="山本")
    assert has(results["stance_clause"], "Planning", agent="山本")


def test_a_quote_alone_takes_its_speaker_from_the_sentence_pointing_back(results):
    got = statements(results["quote_before"])
    # the statement is the quote's, said by the mayor; こう語った is not a second statement
    assert got == [(0, {"北村"}, "この工場は地域の誇りだ。必ず再建する")]


def test_a_quote_that_goes_on_keeps_its_speaker(results):
    got = statements(results["quote_continued"])
    assert (1, {"田中一郎"}, "時間は残されていない") in got and len(got) == 2


def test_a_family_name_alone_is_the_person_named_in_full_before(results):
    r = results["surname_alone"]
    assert [e.label for e in r.entities if e.cls == "Person"] == ["西田美咲"]
    assert any(sentence == 1 and agents == {"西田美咲"} for sentence, agents, _ in statements(r))


def test_an_acronym_after_a_person_is_their_organisation(results):
    r = results["person_affiliation"]
    assert has(r, "Membership", agent="北村彩花", organization="JAL")
    assert next(e for e in r.entities if e.label == "北村彩花").cls == "Person"


def test_a_name_fused_with_its_honorific_is_the_person(results):
    r = results["fused_honorific"]
    assert [e.label for e in r.entities if e.cls == "Person"] == ["習近平"]
    assert any(sentence == 1 and agents == {"習近平"} for sentence, agents, _ in statements(r))


def test_a_company_after_its_description_is_in_the_country_before_it(results):
    r = results["company_descriptor"]
    assert next(e for e in r.entities if e.label == "ノースゲート").cls == "Company"
    assert has(r, "Containment", agent="ノースゲート", location="アメリカ合衆国")
    assert has(r, "Statement", agent="ノースゲート")


def test_a_name_typed_once_is_found_again_in_the_article(results):
    r = results["name_once_typed"]
    store = next(e for e in r.entities if e.label == "ミドリヤ")
    assert sorted(m.sentence for m, k in r.mentions if k == store.key) == [0, 1]


def test_what_is_held_is_an_event_attended_by_everyone_listed(results):
    r = results["held_event"]
    assert next(e for e in r.entities if e.label == "閉会式").cls == "Event"
    assert has(r, "Attendance", agent="佐藤一郎", theme="閉会式")
    assert has(r, "Attendance", agent="鈴木花子", theme="閉会式")


def test_an_event_held_in_a_place_is_located_there(results):
    assert has(results["held_in_place"], "Containment", agent="授賞式", location="オスロ")


def test_what_a_company_announces_it_will_do_is_planned(results):
    r = results["announced_plan"]
    acq = next(f for f in r.facts if f.cls == "Acquisition")
    assert acq.modality == "Planned"
    assert has(r, "Planning", agent="東和電機", theme="北斗化学")


def test_a_plan_noun_as_predicate_takes_its_own_clause_subject(results):
    r = results["plan_clause_subject"]
    plan = next(f for f in r.facts if f.cls == "Planning")
    label = {e.key: e.label for e in r.entities}
    # the clause right before the noun, and its subject though the parser split name and title
    assert [label[k] for k in plan.role("agent")] == ["山下健太"] and plan.predicate == "つかむ計画"


def test_disasters_are_named_with_their_era_and_number(results):
    r = results["disaster_names"]
    by_label = {e.label: e.cls for e in r.entities}
    assert by_label.get("令和8年南海地震") == "Disaster" and by_label.get("台風5号") == "Disaster"
    # 同庁 is the agency named before it
    assert has(r, "Request", agent="気象庁")


def test_competitors_attend_the_events_they_are_named_with(results):
    r = results["sports_event"]
    rio = next(e for e in r.entities if e.label == "リオ大会")
    assert rio.cls == "Event" and "2016年リオ大会" in rio.alt_labels
    assert has(r, "Attendance", agent="吉川千春", theme="リオ大会")
    assert has(r, "Attendance", agent="山中", theme="第3戦")


def test_a_capital_is_a_place_in_its_country(results):
    r = results["capital"]
    assert next(e for e in r.entities if e.label == "リマ").cls == "Place"
    assert has(r, "Containment", agent="リマ", location="ペルー")
    assert has(r, "Containment", agent="会合", location="リマ")


def test_a_name_with_its_reading_and_a_title_is_one_person(results):
    r = results["reading_then_title"]
    persons = [e for e in r.entities if e.cls == "Person"]
    assert [p.label for p in persons] == ["朴成民"] and "パク・ソンミン" in persons[0].alt_labels
    assert has(r, "PositionHolding", agent="朴成民", position="監督")


def test_a_country_abbreviation_before_an_event_is_where_it_is(results):
    r = results["country_before_event"]
    assert has(r, "Containment", agent="ベルリン国際映画祭", location="ドイツ")


def test_understanding_expressed_is_support(results):
    assert has(results["support_expressed"], "Support", agent="李")


def test_a_katakana_name_after_a_vessel_word_is_the_vessel(results):
    r = results["ship_name"]
    assert next(e for e in r.entities if e.label == "イズモ").cls == "Artifact"


def test_a_company_officer_named_alone_belongs_to_the_company_in_focus(results):
    r = results["implied_company"]
    assert has(r, "Membership", agent="山内剛", organization="大和電機")
    assert has(r, "PositionHolding", agent="山内剛", position="社長", organization="大和電機")


def test_parties_that_sign_together_agree(results):
    r = results["cosigned"]
    assert has(r, "Signing", agent="大和電機") and has(r, "Signing", agent="東和商事")
    assert has(r, "Accord", agent="大和電機", participant="東和商事") or \
        has(r, "Accord", agent="東和商事", participant="大和電機")  # an accord has no direction
    # 設立に関する契約を結んだ: the contract is a document of its own, and what is signed
    assert "合弁会社の設立に関する契約" in {e.label for e in r.entities if e.cls == "Agreement"}
    assert has(r, "Signing", agent="東和商事", theme="合弁会社の設立に関する契約")


def test_place_names_the_ner_missed_are_found_and_placed(results):
    r = results["place_left"]
    assert has(r, "Containment", agent="南種子町", location="鹿児島県")
    # 同県 stands for the prefecture named before it
    assert has(r, "Containment", agent="志賀町", location="鹿児島県")


def test_an_event_held_by_a_passive_light_verb_is_in_the_place(results):
    assert has(results["held_passive"], "Containment", agent="決勝", location="トロント")


def test_what_a_source_reports_is_its_statement(results):
    r = results["source"]
    got = statements(r)
    assert got == [(0, {"気象庁"}, "震源の深さは約10キロと推定される")] or \
        got == [(0, {"気象庁"}, "震源の深さは約１０キロと推定される")]
    # による (by) is no source
    assert not any(sentence == 1 for sentence, _, _ in got)


def test_a_quote_before_any_verb_is_said_but_a_quoted_name_is_not(results):
    got = statements(results["quote_any_verb"])
    assert (0, {"山田太郎"}, "１００点満点で９０点だ") in got or (0, {"山田太郎"}, "100点満点で90点だ") in got
    assert not any(sentence == 1 for sentence, _, _ in got)  # 「宝」と呼んだ names, says nothing


def test_an_office_in_parentheses_after_a_name_is_held_and_belongs_to_its_place(results):
    r = results["office_in_parentheses"]
    assert has(r, "PositionHolding", agent="森本健司", position="福岡県知事", organization="福岡県")
    assert has(r, "PositionHolding", agent="森本健司", position="代表")


def test_a_name_ends_before_a_word_of_time_and_model_designations_are_names(results):
    by_label = {e.label: e.cls for e in results["name_then_time_word"].entities}
    assert by_label.get("東日本大震災") == "Disaster"
    assert by_label.get("H2Aロケット") == "Artifact"


def test_a_katakana_leader_name_with_政権_is_a_government(results):
    by_label = {e.label: e.cls for e in results["administration"].entities}
    assert by_label.get("スミス政権") == "Government"


def test_praise_of_someone_s_work_praises_them(results):
    assert has(results["whose_work"], "Praise", agent="佐藤", theme="田中一郎")


def test_a_role_word_marks_a_person_but_is_no_office(results):
    r = results["role_word"]
    assert [e.label for e in r.entities if e.cls == "Person"] == ["山本一郎"]
    assert not any(e.cls == "Position" for e in r.entities)


def test_arriving_in_a_country_is_a_visit(results):
    r = results["arrival"]
    assert has(r, "Visit", agent="スミス", location="大韓民国")


def test_instructions_and_evacuation_orders_are_requests(results):
    r = results["instruction"]
    assert has(r, "Request", agent="山田")
    assert has(r, "Request", agent="大船渡市")


def test_chosen_for_an_award_is_a_win_not_an_office(results):
    r = results["award_chosen"]
    assert has(r, "Win", agent="高木陽子", theme="主演女優賞")
    assert not any(f.cls == "Appointment" for f in r.facts)


def test_dates_with_a_time_ranges_and_years_ago(results):
    r = results["dates"]  # the article is dated 2026-04-01
    by_cls = {f.cls: f for f in r.facts}
    meeting, visit = by_cls["Meeting"], next(f for f in r.facts if f.cls == "Visit" and f.predicate == "訪問")
    assert (meeting.date.value, meeting.date.datatype, meeting.time) == ("2026-04-01T16:10:00+09:00", "dateTime", "16:10")
    assert (visit.date.value, visit.date.end) == ("2026-04-03", "2026-04-05")
    came = next(f for f in r.facts if f.cls == "Visit" and f.predicate == "来日")
    assert (came.date.value, came.date.datatype) == ("2020", "gYear")



def test_a_range_and_a_time_are_typed_literals_in_the_graph(results):
    from rdflib import URIRef
    from rdflib.namespace import XSD

    from kg.graph import dataset_for
    from kg.namespaces import KG

    ds = dataset_for([results["dates"]], with_ontology=False)
    ends = {(o.toPython().isoformat(), o.datatype) for _, _, o, _ in ds.quads((None, URIRef(KG.endDate), None, None))}
    assert ends == {("2026-04-05", XSD.date)}
    times = {str(o) for _, _, o, _ in ds.quads((None, URIRef(KG.time), None, None))}
    stamps = {o.datatype for _, _, o, _ in ds.quads((None, URIRef(KG.date), None, None))}
    assert times == {"16:10"} and XSD.dateTime in stamps


def test_an_office_written_before_a_name_is_held_by_that_person(results):
    r = results["office_before_name"]
    # 大関|琴風|海: the office, then a name the dictionary splits; 新横綱の|琴風|山: office, の, name
    assert sorted(e.label for e in r.entities if e.cls == "Person") == ["琴風山", "琴風海"]
    assert has(r, "PositionHolding", agent="琴風海", position="大関")
    assert has(r, "PositionHolding", agent="琴風山", position="横綱")
    # 新 is the office's prefix, not a name
    assert not any(e.label.startswith("新") for e in r.entities)


def test_a_short_name_in_brackets_is_a_named_thing_but_a_naming_is_not(results):
    r = results["quoted_name"]
    things = [e for e in r.entities if e.label == "黒潮みかん"]
    assert [e.cls for e in things] == ["Artifact"]
    # 「南風こがね」と名付けた: a quote before と is what was said or the name given, not a thing named
    assert not any("南風" in e.label for e in r.entities)
    # common words after a common noun and の: a phrase in quotes, not a name
    assert not any("元年" in e.label for e in r.entities)


def test_a_successor_machine_follows_the_one_named_with_no(results):
    assert has(results["successor_thing"], "Succession", agent="みずほ", theme="あおさぎ")


def test_a_given_name_takes_the_common_words_before_it_as_its_surname(results):
    r = results["surname_as_words"]
    # 北国|均, 島国|均: the dictionary reads the surnames as words, the given name as a name
    assert sorted(e.label for e in r.entities if e.cls == "Person") == ["北国均", "島国均"]
    assert has(r, "PositionHolding", agent="北国均", position="所長")


def test_a_stance_gives_one_plan_not_two(results):
    plans = [f for f in results["stance_plan"].facts if f.cls == "Planning"]
    assert [f.predicate for f in plans] == ["目指す考え"]


def test_a_negated_attendance_is_negated_and_the_way_home_is_no_appointment(results):
    r = results["on_the_way_home"]
    assert [f.modality for f in r.facts if f.cls == "Attendance"] == ["Negated"]
    assert not any(f.cls == "Appointment" for f in r.facts)


def test_a_prize_the_ner_reads_as_an_office_is_an_award_of_the_award_before_it(results):
    r = results["award_of_award"]
    assert {e.label: e.cls for e in r.entities}.get("国際長編映画賞") == "Award"
    assert has(r, "Part", agent="国際長編映画賞", theme="北海映画賞")
    assert not any(e.cls == "Position" for e in r.entities)


def test_a_name_under_a_parent_company_is_a_company_of_it(results):
    r = results["acronym_under_parent"]
    assert has(r, "Part", agent="NTX", theme="大和電機")
    assert has(r, "Launch", agent="NTX")


def test_a_place_in_parentheses_after_an_event_is_where_it_was_not_its_other_name(results):
    r = results["event_place_in_parentheses"]
    event = next(e for e in r.entities if e.label == "世界選手権")
    assert "ブダペスト" not in event.alt_labels
    assert has(r, "Containment", agent="世界選手権", location="ブダペスト")


def test_a_reading_the_dictionary_keeps_in_one_word_is_not_part_of_the_label(results):
    r = results["reading_in_one_word"]
    busan = next(e for e in r.entities if e.cls == "Place")
    assert busan.label == "釜山" and "釜山(プサン)" in busan.alt_labels
    assert has(r, "Containment", agent="釜山", location="大韓民国")


def test_a_facility_written_after_its_city_and_a_dot_is_in_that_city(results):
    r = results["city_dot_facility"]
    assert has(r, "Containment", agent="栄町アリーナ", location="名古屋市")
    assert has(r, "Containment", agent="理事会", location="栄町アリーナ")


def test_a_disaster_that_is_the_subject_of_a_verb_with_a_place_happened_there(results):
    # 紀伊半島|南部に: the place the direction word is part of
    r = results["disaster_landfall"]
    assert has(r, "Containment", agent="台風12号", location="紀伊半島")
    # 未明 (before dawn), which the parser tags PROPN and the NER a city, is a time word
    assert sorted(e.label for e in r.entities) == ["台風12号", "紀伊半島"]


def test_a_world_region_before_a_country_is_a_place_the_country_lies_in(results):
    r = results["region_country"]
    assert has(r, "Containment", agent="カタール", location="中東")
    assert has(r, "Containment", agent="ドーハ", location="カタール")
    region = next(e for e in r.entities if e.label == "中東")
    assert region.cls == "Place" and region.wikidata == "Q7204"


def test_a_universitys_campus_is_part_of_its_name(results):
    r = results["university_campus"]
    assert has(r, "Membership", agent="マリア・ロペス", organization="テキサス大オースティン校")
    assert not any(e.label == "テキサス大" for e in r.entities)


def test_the_title_of_both_companies_stands_for_the_two_people_named_with_it(results):
    r = results["both_presidents"]
    signing = next(f for f in r.facts if f.cls == "Signing")
    label = {e.key: e.label for e in r.entities}
    assert sorted(label[k] for k in signing.role("agent")) == ["佐藤花子", "山田一郎"]
    assert [label[k] for k in signing.role("theme")] == ["基本合意書"]


def test_the_one_met_before_signing_in_the_same_sentence_signs_too(results):
    r = results["met_then_signed"]
    assert has(r, "Signing", agent="山田太郎") and has(r, "Signing", agent="森本健司")
    assert has(r, "Accord", agent="山田太郎", participant="森本健司")


def test_two_offices_held_at_once_are_one_title_and_its_spelling_out_no_other(results):
    r = results["two_offices"]
    assert [e.label for e in r.entities if e.cls == "Position"] == ["会長兼CEO"]
    assert has(r, "PositionHolding", agent="山田一郎", position="会長兼CEO", organization="大和製鉄")


def test_what_takes_place_or_is_attended_is_an_event_when_its_head_says_so(results):
    r = results["event_attended"]
    events = {e.label for e in r.entities if e.cls == "Event"}
    # 決勝があった: the subject of a verb of taking place; 表彰式に臨んだ: where one attends
    assert {"男子走り高跳び決勝", "表彰式"} <= events
    assert has(r, "Attendance", agent="森川亮", theme="表彰式")
    # 大会に出場: a bare head word does not say which event, so no node is made for it
    assert "大会" not in events


def test_an_abbreviation_of_a_common_noun_is_a_concept_not_a_name(results):
    labels = {e.label for e in results["concept_acronym"].entities}
    assert not labels & {"国内総生産", "GDP"}
    assert "世界保健機関" in labels


def test_an_event_held_in_a_sentence_about_another_event_is_part_of_it(results):
    r = results["event_within_event"]
    assert has(r, "Part", agent="男子100メートル決勝", theme="東アジア選手権")
    # the winner of the final took part in the final, not (only) in the championships as a whole
    assert has(r, "Attendance", agent="田中健一", theme="男子100メートル決勝")
    assert not has(r, "Part", agent="東アジア選手権")


def test_an_attendance_that_names_no_event_is_at_the_last_event_named(results):
    r = results["event_at_hand"]
    assert has(r, "Part", agent="第7戦", theme="ワールドシリーズ")
    # 登板した says no event: the game of the sentence before (named after the series in it)
    assert has(r, "Attendance", agent="山田一郎", theme="第7戦")
    assert not has(r, "Attendance", agent="山田一郎", theme="ワールドシリーズ")


def test_a_state_before_its_city_is_a_place_of_its_own_that_contains_the_city(results):
    r = results["state_and_city"]
    places = {e.label for e in r.entities if e.cls == "Place"}
    assert {"ペンシルベニア州", "ピッツバーグ", "オハイオ州", "コロンバス"} <= places
    assert has(r, "Containment", agent="ピッツバーグ", location="ペンシルベニア州")
    assert has(r, "Containment", agent="コロンバス", location="オハイオ州")


def test_the_award_won_is_named_with_its_category_and_a_bare_award_word_is_not(results):
    r = results["award_won"]
    awards = {e.label for e in r.entities if e.cls == "Award"}
    assert awards == {"作品賞(ドラマ部門)"}  # 賞を受けた says no award


def test_a_country_letter_before_a_named_award_is_that_country(results):
    r = results["country_before_award"]
    assert {"アカデミー賞", "アメリカ合衆国"} <= {e.label for e in r.entities}


def test_what_occurred_is_a_disaster_when_its_head_says_so_and_a_bare_head_is_not(results):
    r = results["disaster_occurred"]
    # 山林火災 names no place or year: the article's own (scoped to its id), and 地震 in a supposition
    # is none
    assert [e.key for e in r.entities if e.cls == "Disaster"] == ["Disaster:山林火災@disaster_occurred"]
    assert has(r, "Containment", agent="山林火災", location="松川村")


def test_a_body_set_up_or_sent_is_an_organisation_and_a_bare_head_word_is_not(results):
    r = results["body_set_up"]
    orgs = {e.label for e in r.entities if e.cls == "Organization"}
    assert orgs == {"非常災害対策本部", "緊急消防援助隊"}  # 本部を設けた says not which


def test_a_known_name_written_with_inside_as_one_word_is_found(results):
    # 国会内 is one token: the Diet is still named
    assert "国会" in {e.label for e in results["inside_a_known_name"].entities}


def test_an_event_word_alone_is_the_one_event_of_the_article_named_with_it(results):
    events = [e for e in results["event_short_name"].entities if e.cls == "Event"]
    assert [e.label for e in events] == ["北国・東北博覧会"]
    assert "博覧会" in events[0].alt_labels


def test_a_quoted_title_the_ner_took_only_part_of_is_the_whole_quote(results):
    labels = {e.label for e in results["quoted_title"].entities}
    assert "港町探偵団 THE MOVIE 3 夜明けの灯台を守れ!" in labels  # the NER stopped at 夜明け
    assert not any(x.startswith("港町探偵団") and x.endswith("夜明け") for x in labels)


def test_same_company_is_the_first_company_of_the_sentence_before(results):
    # 同社: the topic 東和電機, not 大和電機 named later in the same sentence
    r = results["same_company"]
    assert has(r, "Request", agent="東和電機")
    assert not has(r, "Request", agent="大和電機")


def test_a_short_name_in_parentheses_names_the_same_body_later_on(results):
    r = results["short_name_in_parentheses"]
    orgs = [e for e in r.entities if e.cls == "Organization"]
    assert [e.label for e in orgs] == ["北国観光協会"] and "観光協会" in orgs[0].alt_labels
    assert has(r, "Membership", agent="山田一郎", organization="北国観光協会")


def test_a_meeting_the_ner_calls_an_incident_is_an_event(results):
    r = results["meeting_not_incident"]
    kinds = {e.label: e.cls for e in r.entities}
    assert kinds.get("夏場所後の番付編成会議") == "Event"  # the NER: Incident_Other
    assert "Disaster" not in kinds.values()


def test_an_event_of_an_organisation_is_part_of_it(results):
    r = results["event_of_league"]
    assert has(r, "Part", agent="選手権大会", theme="北日本サッカー連盟")


def test_each_competitor_listed_after_an_event_took_part_in_it(results):
    r = results["competitors_listed"]
    assert has(r, "Attendance", agent="松本薫子", theme="ロンドン大会")
    assert has(r, "Attendance", agent="内田航平", theme="ロンドン大会")
    assert not any(e.label.endswith("以来") for e in r.entities)


def test_joining_or_leaving_an_organisation_is_membership_of_it_and_a_place_is_not_one(results):
    r = results["joined_team"]
    assert has(r, "Membership", agent="佐藤花子", organization="東和電機")
    # 東京に移籍: no organisation is named, so no membership at all
    assert not has(r, "Membership", agent="田中")


def test_the_body_named_before_nado_is_the_topic_of_the_group_word(results):
    # …など地元団体は: the group word names no one; the body before など is who plans
    assert has(results["named_before_nado"], "Planning", agent="東和電機")


def test_a_cooperative_is_an_organisation(results):
    assert ("Organization", "北国漁業協同組合") in {(e.cls, e.label) for e in results["cooperative"].entities}


def test_an_english_gloss_of_a_common_phrase_is_no_name(results):
    labels = {e.label for e in results["english_gloss"].entities}
    assert not any("GREAT" in x for x in labels)  # the NER: an organisation
    assert "世界貿易機関" in labels  # after a name, the English is another name of it


def test_a_sentence_ending_on_a_verbal_noun_states_the_event_at_the_game_of_the_day(results):
    r = results["noun_ending"]
    # 登板。 (体言止め) is an attendance; 前日の第4戦 is another day's game, so it is the 5th
    assert has(r, "Attendance", agent="佐藤健", theme="第5戦")
    assert has(r, "Attendance", agent="佐藤健", theme="第4戦")  # 先発した: that one is named
    assert sum(1 for c, roles in facts(r) if c == "Attendance" and "佐藤健" in roles.get("agent", set())) == 2


def test_a_katakana_name_around_a_foreign_article_is_one_place_where_an_event_is_held(results):
    r = results["dotted_venue"]
    assert "スタッド・ド・リヨン" in {e.label for e in r.entities if e.cls == "Place"}
    assert not any(e.label == "リヨン" for e in r.entities)
    assert has(r, "Containment", agent="男子100メートル決勝", location="スタッド・ド・リヨン")


def test_the_other_party_of_an_accord_or_request_is_the_topic_of_the_other_clause(results):
    r = results["other_topic"]
    assert any(c == "Accord" and roles.get("agent", set()) | roles.get("participant", set()) >= {"ペルー", "チリ"}
               for c, roles in facts(r))
    assert has(r, "Request", agent="佐藤", recipient="山田")


def test_a_numbered_meeting_with_its_acronym_is_an_event(results):
    r = results["numbered_meeting"]
    ev = [e for e in r.entities if e.label == "国連生物多様性条約第17回締約国会議"]
    assert [e.cls for e in ev] == ["Event"]  # the NER: an organisation; the numbered session is an event
    assert "COP17" in ev[0].alt_labels
    assert has(r, "Containment", agent="国連生物多様性条約第17回締約国会議", location="ペルー")


def test_a_venue_word_ends_a_facility_name_and_a_place_before_a_dot_is_where_it_is(results):
    r = results["venue_words"]
    typed = {(e.cls, e.label) for e in r.entities}
    assert ("Facility", "ノースウッド・アリーナ") in typed  # the NER: a product
    assert ("Facility", "天神中央公園") in typed and ("Place", "福岡") in typed  # not 福岡・天神中央公園
    assert has(r, "Containment", agent="ノースウッド・アリーナ", location="シアトル")
    assert has(r, "Containment", agent="天神中央公園", location="福岡")


def test_what_is_somewhere_lies_in_the_place_and_a_seat_stands_for_its_organisation(results):
    r = results["located_at"]
    assert ("Organization", "物質材料研究機構") in {(e.cls, e.label) for e in r.entities}  # no proper noun in it
    assert has(r, "Containment", agent="物質材料研究機構", location="つくば市")  # つくば市にある…
    assert has(r, "Containment", agent="北斗電機", location="札幌市")  # 札幌市に本社を置く
    assert ("Company", "北斗電機") in {(e.cls, e.label) for e in r.entities}  # the NER: a building
    assert has(r, "Containment", agent="南星化学", location="ピッツバーグ")  # …の本社は…にある
    assert ("Place", "ペンシルベニア州") in {(e.cls, e.label) for e in r.entities}


def test_what_the_ner_cuts_or_misreads_of_an_organisation_is_one_organisation(results):
    r = results["ner_cuts"]
    typed = {(e.cls, e.label) for e in r.entities}
    assert ("SportsTeam", "広島カープ") in typed and not any(e.label == "カープ" for e in r.entities)
    assert has(r, "Membership", agent="新井貴浩", organization="広島カープ")
    assert ("Organization", "阪神タイガース") in typed  # the NER: a building
    assert has(r, "Membership", agent="佐藤輝明", organization="阪神タイガース")
    assert "アーム" in {e.label for e in r.entities if e.cls == "Organization"}  # after 英, a foreign name
    assert has(r, "Containment", agent="アーム", location="イギリス")


def test_what_a_copula_clause_says_a_body_is_of_another_and_the_members_listed_after_a_member_word(results):
    r = results["part_apposition"]
    assert has(r, "Part", agent="世界保健機関", theme="国際連合")  # 専門|機関 である: two tokens, one noun
    assert has(r, "Part", agent="東和商事", theme="北斗電機")  # …の子会社である東和商事
    assert has(r, "Membership", agent="フランス", organization="欧州連合")
    assert has(r, "Membership", agent="ドイツ", organization="欧州連合")  # the second of the list too


def test_one_word_elections_and_tournaments_are_events_and_a_short_event_name_is_the_same_event(results):
    r = results["event_words"]
    events = {e.label for e in r.entities if e.cls == "Event"}
    assert {"参院選", "秋場所"} <= events
    assert not any("当選" in e.label for e in r.entities)  # 初当選: winning a seat is no event
    summit = [e for e in r.entities if e.cls == "Event" and "首脳会議" in e.label]
    assert len(summit) == 1 and "G7サミット" in summit[0].alt_labels  # written again later: the same node
    assert not any(e.label == "G7サミット" for e in r.entities)
    assert has(r, "Attendance", agent="山田", theme=summit[0].label)


def test_government_alone_is_japans_unless_the_article_is_datelined_abroad_and_a_body_set_up_is_a_part(results):
    r = results["home_government"]
    gov = [e for e in r.entities if e.cls == "Government"]
    assert len(gov) == 1 and "日本政府" in {gov[0].label, *gov[0].alt_labels}  # 政府高官 is no second one
    assert has(r, "Part", agent="緊急対策本部", theme=gov[0].label)
    assert has(r, "Part", agent="災害警戒本部", theme="北見市")  # a city sets up a body of its own
    assert not any(e.cls == "Government" for e in results["foreign_dateline"].entities)  # Seoul's? the text says not


def test_the_successor_may_be_named_after_the_noun_phrase(results):
    assert has(results["successor_after"], "Succession", agent="鈴木次郎", theme="田中一郎")


def test_a_support_noun_with_whom_it_is_for_is_support_and_a_company_word_ends_a_company(results):
    r = results["support_noun"]
    assert any(c == "Support" and "山田太郎" in roles.get("agent", set()) and "ペルー" in roles.get("theme", set())
               for c, roles in facts(r))
    assert [f.modality for f in r.facts if f.cls == "Support"] == ["Planned"]  # 続ける考え: what is meant to go on
    assert ("Company", "北斗化学") in {(e.cls, e.label) for e in r.entities}  # the NER: a product


def test_a_wire_report_keeps_a_foreign_ministry_foreign_and_reads_the_polite_source_and_made_known(results):
    r = results["wire_report"]
    typed = {(e.cls, e.label) for e in r.entities}
    assert ("Government", "中国外務省") in typed  # not Japan's 外務省, which the gazetteer knows
    assert not any(e.label == "外務省" for e in r.entities)
    assert has(r, "Membership", agent="王毅", organization="中国外務省")
    assert any(f.cls == "Statement" and f.modality == "Reported" and f.predicate == "によると" for f in r.facts)
    assert has(r, "Planning", agent="李在明")  # …する方針を明らかにした
    assert ("Person", "三部健太") in typed  # 三|部: a numeral opens the family name


def test_team_names_the_ner_misses_and_a_player_of_a_team(results):
    r = results["team_names"]
    labels = {e.label for e in r.entities}
    assert "鹿島アントラーズ" in labels  # a place, then a katakana name: the NER found neither
    # a letter and a number with リーグ after a sport: the league, whole (not the NER's team J1)
    assert ("Organization", "J1リーグ") in {(e.cls, e.label) for e in r.entities} and "J1" not in labels
    assert has(r, "Membership", agent="大谷翔平", organization="ドジャース")  # 選手 is a role, not an office


def test_a_speaker_with_a_reading_before_the_title_makes_known_and_meets_a_partner_with_tomo(results):
    r = results["korean_report"]
    assert has(r, "Statement", agent="崔美羅")  # 崔美羅（チェ・ミラ）報道官が…明らかにした
    assert any(c == "Meeting" and "アンソニー・アルバニージー" in roles.get("participant", set()) | roles.get("agent", set())
               for c, roles in facts(r))  # 首相|とも: the tagger's noun とも is the particle
    assert not any("とも" in e.label for e in r.entities)  # the named partner is no unnamed group as well
    assert not any(e.cls == "Country" and e.label == "中華人民共和国" for e in r.entities)  # 来韓中: visiting Korea


def test_a_dotted_katakana_company_its_short_name_and_a_contract_without_its_partner(results):
    r = results["dotted_company"]
    typed = {(e.cls, e.label) for e in r.entities}
    assert ("Company", "ボルタリス・エナジー") in typed  # the NER found nothing
    assert not any(e.label == "ボルタリス" for e in r.entities)  # written again without エナジー: the same
    assert has(r, "Membership", agent="エミリー・カーター", organization="ボルタリス・エナジー")
    assert ("Agreement", "電池の供給契約") in typed  # not …エナジーと電池の供給契約
    # AはBと契約を結んだ: both sign, and so agree with each other
    assert has(r, "Signing", agent="東和電機") and has(r, "Signing", agent="ボルタリス・エナジー")
    assert has(r, "Accord", agent="ボルタリス・エナジー", participant="東和電機") or \
        has(r, "Accord", agent="東和電機", participant="ボルタリス・エナジー")


def test_a_contract_made_known_with_a_partner_set_off_by_a_comma(results):
    r = results["contract_announced"]
    typed = {(e.cls, e.label) for e in r.entities}
    assert ("Company", "ソラリス・パワー") in typed  # 電池メーカー、ソラリス・パワー: the name after the comma
    # the relative clause says what the contract is for; the partner with と is not part of it
    assert ("Agreement", "次世代電池を共同で開発する契約") in typed
    # …契約を結んだことを明らかにした: the clause before こと is the topic's own, and the と-partner the
    # parser hung on 明らかにした signs too
    assert has(r, "Signing", agent="北辰電機", theme="次世代電池を共同で開発する契約")
    assert has(r, "Signing", agent="ソラリス・パワー")


def test_the_successor_of_the_one_who_leaves_takes_the_post(results):
    r = results["leaver_successor"]
    assert has(r, "Succession", agent="森田彩", theme="山岸隆")  # 山岸隆社長が退任し、後任に…
    assert has(r, "PositionHolding", agent="森田彩", position="常務執行役員")  # not 役員 alone
    assert has(r, "PositionHolding", agent="森田彩", position="社長")  # the post the predecessor holds
    r = results["nominated_successor"]
    assert has(r, "Succession", agent="鈴木一郎", theme="山田")  # not the topic, who nominates
    assert not has(r, "Succession", agent="田中")
    assert any(f.cls == "PositionHolding" and f.modality == "Planned" and f.rule == "successor-takes-post"
               for f in r.facts)  # put forward: only planned


def test_a_club_officer_with_no_club_named_belongs_to_the_club_the_article_is_about(results):
    r = results["club_officer"]
    assert has(r, "Membership", agent="小松健", organization="上田ライジングホークス")
    assert has(r, "Membership", agent="荻原和夫", organization="上田ライジングホークス")  # the next sentence


def test_club_news_a_dateline_place_a_team_the_ner_calls_a_person_and_the_successor_as_next_subject(results):
    r = results["club_news"]
    typed = {(e.cls, e.label) for e in r.entities}
    assert ("Place", "松本") in typed and not any(e.cls == "Person" and e.label == "松本" for e in r.entities)
    assert ("SportsTeam", "上田ライジングホークス") in typed  # the NER: a person named 上田
    assert has(r, "PositionHolding", agent="山田健", position="ヘッドコーチ")
    assert has(r, "Succession", agent="川村翔太", theme="山田健")  # …の後任に、川村翔太氏が昇格
    assert has(r, "PositionHolding", agent="川村翔太", position="アシスタントコーチ")  # not コーチ alone
    assert has(r, "PositionHolding", agent="川村翔太", position="ヘッドコーチ")  # the predecessor's post


def test_an_exhibition_named_in_quotes_or_by_its_edition_and_a_museum_director(results):
    r = results["exhibition"]
    events = {e.label for e in r.entities if e.cls == "Event"}
    assert {"北の光と海の画家展", "第3回北方美術展"} <= events  # no proper noun in either
    assert has(r, "Containment", agent="北の光と海の画家展", location="北斗美術館")
    assert has(r, "PositionHolding", agent="佐藤和子", organization="北斗美術館", position="館長")
    assert has(r, "Membership", agent="佐藤和子", organization="北斗美術館")


def test_a_dateline_names_its_place_not_the_agency_and_a_class_word_alone_names_nothing(results):
    r = results["agency_dateline"]
    labels = {e.label for e in r.entities}
    assert "北京" in labels and not any("時事" in x for x in labels)
    assert "探査機" not in labels  # the NER: a port


def test_a_quote_the_parser_nested_under_another_word_is_still_said_and_kept_whole(results):
    r = results["nested_quote"]
    said = [f for f in r.facts if f.cls == "Statement" and f.role("agent")]
    label = {e.key: e.label for e in r.entities}
    by = {label[f.role("agent")[0]]: f.quote for f in said}
    assert by.get("森田登") == "あっという間に水が腰の高さまで来た"
    assert has(r, "PositionHolding", agent="立石健二", position="主任予報官")


def test_a_quote_sentence_belongs_to_the_next_statement_that_quotes_nothing_of_its_own(results):
    r = results["quote_then_speech"]
    said = [f for f in r.facts if f.cls == "Statement"]
    assert [(f.sentence, f.quote) for f in said] == [(0, "新しい球場で市民に勝利を見せたい")]


def test_a_place_word_after_a_name_the_ner_ended_early_makes_the_place(results):
    typed = {(e.cls, e.label) for e in results["strait"].entities}
    assert ("Place", "台湾海峡") in typed and not any(label == "台湾" for _, label in typed)


def test_a_word_for_a_kind_of_company_is_no_event(results):
    assert not any(e.cls == "Event" for e in results["descriptor_not_event"].entities)  # the NER: a festival


def test_what_a_verb_of_holding_takes_is_an_office_and_a_speaker_with_a_reading_before_shi(results):
    r = results["office_held"]
    positions = {e.label for e in r.entities if e.cls == "Position"}
    assert {"総設計師", "開発責任者"} <= positions  # neither is in the title list
    assert has(r, "PositionHolding", agent="王海濤", position="総設計師")
    # …を務めたあと、…: a clause before あと shares the sentence's subject
    assert has(r, "PositionHolding", agent="森田", position="開発責任者")
    assert "プロデュース" not in positions and "主演" not in positions  # activities, not offices
    assert has(r, "Statement", agent="王海濤")  # 王海濤（ワン・ハイタオ）|氏は: the reading between name and 氏


def test_schools_one_goes_through_the_club_the_article_is_about_and_a_season_to_come(results):
    r = results["club_season"]
    # 東和西高から北斗大学に進み: a person belongs to each school (neither is a club)
    assert has(r, "Membership", agent="早川", organization="東和西高")
    assert has(r, "Membership", agent="早川", organization="北斗大学")
    assert ("Organization", "東和西高") in {(e.cls, e.label) for e in r.entities}
    assert has(r, "Membership", agent="早川", organization="上田ライジングホークス")  # チームに加わった
    # クラブは、X選手が加入すると明らかにした: the club that is the topic is the one joined
    assert has(r, "Membership", agent="佐藤健", organization="上田ライジングホークス")
    # チームは来季、…本拠地を移す: the non-past with 来季 is a plan
    assert has(r, "Planning", agent="上田ライジングホークス")
    r = results["schooling"]
    assert has(r, "Membership", agent="西川翔", organization="東和体育大学")  # …を経て
    assert has(r, "Membership", agent="西川翔", organization="北斗電機")  # 入社した


def test_the_one_whose_resignation_is_accepted_is_succeeded(results):
    r = results["resignation_accepted"]
    assert has(r, "Succession", agent="西野浩", theme="南田修")  # 南田修外相の辞表を受理し、後任に…


def test_tsutaeru_states_only_with_a_quote(results):
    r = results["conveyed"]
    assert has(r, "Statement", agent="南田修") or has(r, "Statement", agent="南田")  # こう伝えた: the quote before
    assert not has(r, "Statement", agent="北村")  # news passed on, no quote
    assert sum(f.cls == "Statement" for f in r.facts) == 1  # 伝えられている: hearsay, nobody's statement


def test_two_governments_sign_an_agreement_written_with_its_acronym(results):
    r = results["two_governments"]
    agreements = [e for e in r.entities if e.cls == "Agreement"]
    # one node for the phrase, its head and the acronym, written with the acronym as an alias
    assert [e.label for e in agreements] == ["重要鉱物の協力に関する了解覚書"]
    assert "重要鉱物の協力に関する了解覚書(MOU)" in agreements[0].alt_labels
    # 両国政府: the two countries, each of which signs
    assert has(r, "Signing", agent="大韓民国") and has(r, "Signing", agent="オーストラリア")


def test_ministries_ending_in_bu_a_leaders_office_and_an_ordinal_office(results):
    r = results["ministries"]
    typed = {(e.cls, e.label) for e in r.entities}
    # fields of government before 部 (two of them, or a foreign country in the sentence)
    assert {("Government", "東和通商資源部"), ("Government", "中国外交部"), ("Government", "大統領室")} <= typed
    assert ("Country", "中華人民共和国") in typed  # the country in 中国外交部 is still named
    assert not any("営業部" in e.label for e in r.entities)  # a company's department is no ministry
    assert has(r, "Membership", agent="朴正浩", organization="東和通商資源部")
    # 同部第１次官の金英洙氏: the anaphor names the ministry, and the ordinal is part of the office
    assert has(r, "PositionHolding", agent="金英洙", position="第1次官", organization="東和通商資源部")
    assert has(r, "Membership", agent="崔美羅", organization="大統領室")
    # 朴長官 again in a later sentence: the holding is stated once
    assert sum(f.cls == "PositionHolding" and f.predicate == "長官" for f in r.facts) == 1


def test_a_league_its_division_and_the_teams_a_club_plays(results):
    r = results["league_games"]
    typed = {(e.cls, e.label) for e in r.entities}
    assert {("Organization", "Vリーグ"), ("Organization", "Vリーグ1部")} <= typed
    assert not any(e.label == "V1" for e in r.entities)  # （Ｖ１）: the division's acronym, the same node
    assert ("SportsTeam", "サンダーホークス") in typed  # サンダーホークス戦: the team the game is against
    assert ("SportsTeam", "グリーンファルコンズ") in typed  # the team the club beat
    events = {e.label for e in r.entities if e.cls == "Event"}
    assert {"V1プレーオフ", "Vリーグオールスターゲーム"} <= events  # not …進出, not cut before ゲーム


def test_an_award_the_ner_calls_a_conference_and_an_object_inside_the_predicates_phrase(results):
    r = results["literary_prize"]
    assert ("Award", "第170回芥川賞") in {(e.cls, e.label) for e in r.entities}  # not an event
    # 芥川賞を|受賞した: the tagger put the object in the verb's own phrase; it is still what is won
    assert has(r, "Win", agent="山村静香", theme="第170回芥川賞")


def test_a_company_after_kaisha(results):
    r = results["company_after_kaisha"]
    assert ("Company", "ノースウィンド・ロジスティクス") in {(e.cls, e.label) for e in r.entities}
    assert has(r, "Acquisition", agent="東和物産", theme="ノースウィンド・ロジスティクス")


def test_a_clause_before_houkou_is_the_topics_plan(results):
    r = results["planned_direction"]
    # …を訪問する方向で調整している: planned, by the topic
    assert any(f.cls == "Visit" and f.modality == "Planned" for f in r.facts)
    assert has(r, "Visit", agent="北村", location="インド") and has(r, "Planning", agent="北村")


def test_the_subject_the_parser_hung_on_the_announcing_verb_belongs_to_the_clause(results):
    r = results["announced_promotion"]
    # 東和自動車は、佐藤副社長が…昇格する人事を発表した: the company announces, the person is promoted
    assert has(r, "Statement", agent="東和自動車") and not has(r, "Statement", agent="佐藤健一")
    assert has(r, "Appointment", agent="佐藤健一", position="社長")
    # the non-past clause of what is announced is planned
    assert any(f.cls == "Appointment" and f.modality == "Planned" for f in r.facts)


def test_a_clause_on_a_word_before_the_contract_is_not_part_of_its_name(results):
    r = results["nested_clause_contract"]
    assert [e.label for e in r.entities if e.cls == "Agreement"] == ["合弁会社の設立に関する契約"]


def test_a_disaster_is_the_subject_of_an_incident(results):
    r = results["typhoon_landfall"]
    # 台風15号は…鹿児島県に上陸した: the typhoon (no agent of the usual kinds) makes landfall there
    assert has(r, "Incident", agent="台風15号", location="鹿児島県")
    assert any(f.cls == "Incident" and f.modality == "Reported" for f in r.facts)  # 気象庁によると


def test_an_election_with_its_edition_number_is_one_event(results):
    r = results["numbered_election"]
    assert [e.label for e in r.entities if e.cls == "Event"] == ["第57回衆院選"]  # not 衆院選 as well


def test_place_names_joined_by_a_dot_are_places_whatever_the_ner_says(results):
    r = results["dotted_places"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # the NER reads ドイツ・ベルリン as an earthquake: a country and a city in it
    assert {("Country", "ドイツ"), ("Place", "ベルリン")} <= kinds
    assert not any(e.cls == "Disaster" for e in r.entities)
    assert has(r, "Containment", agent="ベルリン", location="ドイツ")
    assert has(r, "Attendance", agent="北斗電機", theme="国際見本市")  # 出展: a company attends a fair


def test_the_word_for_inside_is_not_part_of_a_place(results):
    r = results["inside_the_city"]
    places = {(e.cls, e.label) for e in r.entities if e.cls in ("Place", "Person")}
    assert places == {("Place", "秋田市"), ("Place", "大阪府")}  # not a person 秋田市内, not 大阪府内


def test_a_place_written_again_without_its_shi_is_the_same_place(results):
    r = results["place_written_short"]
    places = [e for e in r.entities if e.cls == "Place"]
    assert [e.label for e in places] == ["西原市"] and "西原" in places[0].alt_labels


def test_marathons_relays_and_festivals_are_events(results):
    events = {e.label for e in results["more_event_heads"].entities if e.cls == "Event"}
    assert events == {"第3回南山マラソン", "南山雪まつり", "南山モーターショー", "西山ダービー"}
    assert {e.label for e in results["school_misread"].entities if e.cls == "Event"} == {"北斗駅伝"}


def test_a_name_and_a_word_for_a_school_is_a_school(results):
    r = results["school_misread"]
    # 東和学院大 is read as an event of no kind, 西山大 as a person: both are schools
    assert {(e.cls, e.label) for e in r.entities if e.cls != "Event"} == {
        ("Organization", "東和学院大"), ("Organization", "西山大")}
    assert has(r, "Win", agent="東和学院大")


def test_a_company_after_its_description_and_a_comma_with_its_common_words(results):
    r = results["acquisition_story"]
    companies = {e.label for e in r.entities if e.cls == "Company"}
    # not 米電気自動車（ＥＶ）大手リヴァートン・モーターズ, not the place 東和
    assert companies == {"リヴァートン・モーターズ", "東和精機", "北斗電機"}
    assert has(r, "Acquisition", agent="リヴァートン・モーターズ", theme="東和精機")


def test_the_abbreviation_of_a_title_is_no_organisation_and_a_company_written_short(results):
    r = results["acquisition_story"]
    assert not any(e.label == "CEO" for e in r.entities)  # 最高経営責任者（ＣＥＯ）
    assert "マイケル・ハーディング" in {e.label for e in r.entities if e.cls == "Person"}
    # リヴァートンの…: the company written without モーターズ (and tagged an adverb)
    assert has(r, "PositionHolding", agent="マイケル・ハーディング", organization="リヴァートン・モーターズ",
               position="最高経営責任者")


def test_an_unnamed_spokesperson_speaks_for_the_organisation(results):
    assert has(results["acquisition_story"], "Statement", agent="北斗電機")  # 北斗電機の広報担当者は…説明した


def test_support_stated_and_a_plan_before_yotei(results):
    r = results["stated_support"]
    assert has(r, "Support", agent="佐藤")  # 支持を表明した: support, not only a statement
    # …建設する予定だ: the company's plan
    assert has(r, "Planning", agent="東和電機")


def test_a_place_in_ni_of_a_passive_is_where_not_by_whom(results):
    r = results["passive_destination"]
    label = {e.key: e.label for e in r.entities}
    assert not any(role == "agent" and label[k] == "南山町" for f in r.facts for role, k in f.roles)


def test_teams_after_a_sport_with_fc_and_the_winner_of_a_game(results):
    r = results["club_results"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # プロ野球の|東和ジャガーズ (read as the place 東和), 南山ＦＣ (read as a theatre), and 北斗レッズ,
    # read as a conference, which beats a team
    assert {("SportsTeam", "東和ジャガーズ"), ("SportsTeam", "南山FC"), ("SportsTeam", "北斗レッズ")} <= kinds
    assert has(r, "Win", agent="北斗レッズ", recipient="南山FC")
    assert has(r, "Statement", agent="東和ジャガーズ") and not has(r, "Statement", agent="佐々木亮")
    assert not any(e.cls == "Event" for e in r.entities)  # ９試合: how many, not which


def test_a_medal_is_an_award_won_at_a_world_championship_by_a_member_of_a_company(results):
    r = results["medal_at_worlds"]
    kinds = {(e.cls, e.label) for e in r.entities}
    assert {("Award", "銅メダル"), ("Event", "世界選手権")} <= kinds  # 世界 makes 選手権 a name
    assert has(r, "Win", agent="山口ひかり", theme="銅メダル")
    assert has(r, "Attendance", agent="山口ひかり", theme="世界選手権")
    # 山口ひかり選手（東和化学）: the title between the name and the parentheses
    assert has(r, "Membership", agent="山口ひかり", organization="東和化学")
    assert ("Event", "オープン戦") in kinds and not any(e.cls == "Person" and "戦" in e.label for e in r.entities)


def test_an_unnamed_disaster_is_the_articles_own_event(results):
    r = results["unnamed_quake"]
    disasters = {e.key for e in r.entities if e.cls == "Disaster"}
    # one node per article (scoped to its id), not every earthquake of the corpus at once
    assert disasters == {"Disaster:地震@unnamed_quake", "Disaster:火事@unnamed_quake"}
    quake = [m for m, k in r.mentions if k == "Disaster:地震@unnamed_quake"]
    assert len(quake) == 2  # この地震 is the same one
    assert has(r, "Containment", agent="地震", location="北海道")  # …を震源とする
    assert has(r, "Containment", agent="火事", location="西町")  # 西町で…火事があった
    # 北原市 read as the person 北原: the city
    assert ("Place", "北原市") in {(e.cls, e.label) for e in r.entities}
    assert not any(e.cls == "Person" for e in r.entities)


def test_a_bare_disaster_word_is_the_named_one_and_a_supposed_one_is_none(results):
    r = results["named_quake"]
    assert [e.label for e in r.entities if e.cls == "Disaster"] == ["令和8年北海道東方沖地震"]
    named = next(e.key for e in r.entities if e.cls == "Disaster")
    assert any(m.text == "地震" and k == named for m, k in r.mentions)  # この地震で: the named one
    assert not any(e.cls == "Disaster" for e in results["supposed_quake"].entities)  # …との想定


def test_rail_lines_are_facilities_and_a_section_is_its_two_places(results):
    r = results["rail_lines"]
    assert ("Facility", "東北新幹線") in {(e.cls, e.label) for e in r.entities}
    assert {e.label for e in r.entities if e.cls == "Place"} == {"仙台市", "盛岡市"}  # not 盛岡間
    assert not any("在来線" in e.label for e in r.entities)  # a kind of line, no name


def test_a_clause_with_a_subject_of_its_own_does_not_take_the_last_topic(results):
    r = results["own_subject"]
    label = {e.key: e.label for e in r.entities}
    assert not any(f.sentence == 1 and label[k] == "北村" for f in r.facts for _, k in f.roles)


def test_a_set_of_documents_counted_in_its_name_is_one_agreement(results):
    r = results["counted_documents"]
    assert [e.label for e in r.entities if e.cls == "Agreement"] == ["防衛関連3文書"]


def test_crafts_named_after_what_they_are_and_the_word_alone_after(results):
    r = results["probe_story"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # not 小惑星探査機 or 新型ロケット, which say what a thing is and name none
    assert {("Artifact", "はやぶさ3"), ("Artifact", "H3"), ("Artifact", "ひまわり10号"), ("Place", "リュウグウ2"),
            ("Company", "東和重工")} <= kinds
    assert not any("探査機" in e.label or "ロケット" in e.label for e in r.entities)
    # 探査機は: the probe the article introduced with that word, not the rocket named after it
    probe = next(e.key for e in r.entities if e.label == "はやぶさ3")
    assert any(m.text == "探査機" and k == probe for m, k in r.mentions)


def test_the_office_of_a_person_named_with_a_foreign_country_is_that_countrys(results):
    r = results["foreign_offices"]
    held = {(a, p) for c, roles in facts(r) if c == "PositionHolding"
            for a in roles.get("agent", ()) for p in roles.get("position", ())}
    # 首相 alone is Japan's prime minister in the gazetteer: not Harris's office
    assert held == {("朴成民", "大韓民国大統領"), ("ジョン・ハリス", "オーストラリアの首相")}
    pm = next(e for e in r.entities if e.label == "オーストラリアの首相")
    assert pm.wikidata == "Q319145"  # the gazetteer's Prime Minister of Australia
    # 大統領 alone later: the article's one president's office, not a node of its own
    assert not any(e.cls == "Position" and e.label == "大統領" for e in r.entities)


def test_a_work_after_its_maker_and_awards_chosen_for_or_received(results):
    r = results["film_prize"]
    kinds = {(e.cls, e.label) for e in r.entities}
    assert {("Product", "霧の港"), ("Award", "銀鷲賞"), ("Award", "北斗文化勲章")} <= kinds
    assert not any(e.label == "決意" for e in r.entities)  # a word quoted, not a work
    assert has(r, "Win", agent="山本光雲", theme="北斗文化勲章")  # 受章


def test_subsidiaries_and_faculties_are_parts_of_their_parents(results):
    r = results["company_units"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # not 子会社西山工業, not the place 東和 of 東和物流
    assert {("Company", "西山工業"), ("Company", "東和物流"), ("Organization", "東和大学医学部")} <= kinds
    assert has(r, "Part", agent="西山工業", theme="東和電機")
    assert has(r, "Part", agent="東和物流", theme="南星商事")
    assert has(r, "Part", agent="東和大学医学部", theme="東和大学")  # the university, not the place 東和


def test_a_hotel_is_a_facility_in_its_city_and_the_venue(results):
    r = results["hotel_venue"]
    assert {("Facility", "南山ホテル"), ("Facility", "南山ダム")} <= {(e.cls, e.label) for e in r.entities}
    assert has(r, "Containment", agent="南山ホテル", location="札幌市")
    assert has(r, "Containment", agent="式典", location="南山ホテル")


def test_a_headline_ending_in_he_is_a_plan_of_the_name_before_its_comma(results):
    r = results["headline_plan"]
    assert has(r, "Planning", agent="東和自動車")
    assert any(f.cls == "Launch" and f.modality == "Planned" for f in r.facts)  # 発売へ: not yet


def test_what_one_belongs_to_is_an_organisation_the_ner_missed(results):
    r = results["joined_club"]
    assert ("Organization", "北斗レッズ") in {(e.cls, e.label) for e in r.entities}
    assert has(r, "Membership", agent="田中健太", organization="北斗レッズ")


def test_an_unnamed_event_is_one_articles_own_not_every_one_of_the_corpus(results):
    one, two = results["ceremony_one"], results["ceremony_two"]
    keys = [next(e.key for e in r.entities if e.cls == "Event") for r in (one, two)]
    assert keys == ["Event:授賞式@ceremony_one", "Event:授賞式@ceremony_two"]
    assert [e.label for e in two.entities if e.cls == "Event"] == ["授賞式"]  # the label is the word
    assert has(two, "Containment", agent="授賞式", location="札幌市")


def test_the_one_appointed_in_wo_holds_the_office_in_ni(results):
    r = results["appointed_in_wo"]
    assert has(r, "PositionHolding", agent="山田太郎", position="社長")
    assert any(f.cls == "PositionHolding" and f.modality == "Planned" for f in r.facts)  # 起用する: to come
    assert not has(r, "Planning", agent="山田太郎")  # holding an office is not the holder's plan


def test_a_business_alliance_is_an_accord_with_the_company_not_its_country(results):
    r = results["alliance"]
    # 米|テスラと: the parser tags テスラ an auxiliary; the partner is still the company
    assert has(r, "Accord", agent="東和自動車", participant="テスラ")
    assert not has(r, "Accord", participant="アメリカ合衆国")


def test_verbs_of_taking_over_make_the_subject_the_successor(results):
    r = results["taking_over"]
    assert has(r, "Succession", agent="佐藤一郎", theme="山田太郎")  # Xの後を継ぐ
    assert has(r, "Succession", agent="北村翔", theme="西川健")  # Xに代わって
    assert has(r, "Succession", agent="南条透", theme="東和花子")  # Xから引き継ぐ


def test_an_award_given_is_an_award_and_the_subject_of_a_passive_gift_receives_it(results):
    r = results["award_given"]
    assert ("Award", "東和文化賞") in {(e.cls, e.label) for e in r.entities}  # not 今年の東和文化賞
    assert not any(e.label.startswith("今年") for e in r.entities)
    assert has(r, "Gift", agent="東和財団", recipient="北村翔", theme="東和文化賞")
    # …から記念品を贈られた: the city receives it, and is no gift itself
    assert has(r, "Gift", agent="東和財団", recipient="北斗市", theme="記念品")
    assert ("Place", "北斗市") in {(e.cls, e.label) for e in r.entities}
    assert not has(r, "Gift", agent="スミス")  # …スミス氏に贈られた: to whom, not by whom


def test_a_prefectural_police_is_a_government_body_and_kenkei_alone_refers_to_it(results):
    r = results["police_report"]
    assert [(e.cls, e.label) for e in r.entities if e.cls != "Person"] == [("Government", "南山県警")]  # not a company
    police = next(e.key for e in r.entities if e.label == "南山県警")
    # 県警によると: the source of the second sentence is the same police
    assert any(f.sentence == 1 and f.cls == "Statement" and f.role("agent") == [police] for f in r.facts)


def test_a_river_the_ner_reads_as_a_person_lies_in_the_city_it_flows_through(results):
    r = results["river_flood"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # 北川 that floods is the river, not the family name (南山市 read as an amusement park is the city)
    assert {("Place", "北川"), ("Place", "南山市")} <= kinds and not any(e.cls == "Person" for e in r.entities)
    assert has(r, "Containment", agent="北川", location="南山市")


def test_the_head_of_a_prefecture_or_city_named_before_them_holds_its_own_office(results):
    r = results["local_heads"]
    held = {(a, p) for c, roles in facts(r) if c == "PositionHolding"
            for a in roles.get("agent", ()) for p in roles.get("position", ())}
    assert held == {("村井嘉浩", "宮城県知事"), ("山田一郎", "横浜市長")}  # not every governor's 知事


def test_tomirareru_in_kana_hedges_the_clause(results):
    r = results["hedged_kana"]
    assert [f.modality for f in r.facts if f.cls == "Statement"] == ["Hedged"]  # …とみられる, written in kana


def test_an_unnamed_meeting_is_the_meeting_fact_not_a_second_node(results):
    r = results["unnamed_talks"]
    assert has(r, "Meeting", agent="山田太郎", participant="北村翔")
    # 閣僚級協議 is what the Meeting fact is; 閉会式 is what 佐藤一郎 attends, so it stays a node
    assert [e.label for e in r.entities if e.cls == "Event"] == ["閉会式"]
    assert has(r, "Attendance", agent="佐藤一郎", theme="閉会式")


def test_a_group_of_an_organisation_acts_and_receives_for_it(results):
    r = results["group_of_org"]
    # …北斗大学の研究チームに賞状が手渡された: the university's team receives
    assert has(r, "Gift", agent="西田", recipient="北斗大学", theme="賞状")
    assert has(r, "Launch", agent="西山大学")  # 西山大学の研究グループが開発した
    # 式典では: where it was given, not what; 北斗市の訪問団に|記念品を: the gift is in no city
    assert {e.label for e in r.entities if e.cls == "Artifact"} == {"賞状", "記念品"}
    assert not any(f.cls == "Containment" for f in r.facts)


def test_a_clause_with_its_own_subject_leaves_its_object_to_the_noun_it_describes(results):
    r = results["relative_object"]
    assert has(r, "Support", agent="東和党", theme="田中花子")  # …が推薦した田中花子氏 (a candidate backed)
    assert has(r, "Visit", agent="山田太郎", location="西原市")  # …が訪れた西原市
    # 社長を務める北村翔氏: no subject of its own, so the noun is the subject, as before
    assert has(r, "PositionHolding", agent="北村翔", position="社長")


def test_a_verbal_noun_in_kana_is_a_verb_and_a_title_alone_is_the_one_named_with_it(results):
    r = results["title_alone"]
    # あいさつした: tagged a noun by GiNZA, the verb of its clause; 知事は: 北条美佐子, named with it before
    assert has(r, "Statement", agent="北条美佐子")
    assert [f.predicate for f in r.facts if f.cls == "Statement"] == ["あいさつ"]


def test_a_title_alone_names_no_one_when_two_held_it_and_an_office_in_wo_stays_an_office(results):
    r = results["title_alone_two"]
    assert not any(f.cls == "Statement" and f.sentence == 1 for f in r.facts)  # which 知事 is not said
    # 社長を務める西川翔氏: the office, not 南田健, the 社長 named before
    assert has(r, "PositionHolding", agent="西川翔", position="社長")
    assert not any(f.sentence == 3 and dict(f.roles).get("agent") == "Person:南田健" for f in r.facts)


def test_one_katakana_word_with_a_city_in_parentheses_is_an_organisation_and_a_misread_part_gives_way(results):
    r = results["located_word"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # アステリオン（東京都港区）, read as a person and a car: the company, in every sentence
    assert ("Organization", "アステリオン") in kinds and not any(e.cls in ("Person", "Artifact") for e in r.entities)
    # 鷹ノ台化成 named once; where the NER reads 化成 alone as a person, the whole name is there
    assert [e.label for e in r.entities if "化成" in e.label] == ["鷹ノ台化成"]
    assert has(r, "Containment", agent="アステリオン", location="港区")


def test_support_received_given_by_a_list_and_a_candidate_backed(results):
    r = results["support_forms"]
    # …の推薦に加え、…の支援も受けた: both back the one who receives them
    assert has(r, "Support", agent="東和党", theme="藤井涼子")
    assert has(r, "Support", agent="桜浜商工会議所", theme="藤井涼子")
    # AやBなどが協賛: the list before など acts, 北斗酒造 a company by its class word
    assert has(r, "Support", agent="北斗酒造") and has(r, "Support", agent="白鷺商店街振興組合")
    # 推薦した田中花子氏, for nothing named: backing; 東和賞に推薦: a nomination for the prize
    assert has(r, "Support", agent="北斗党", theme="田中花子")
    assert has(r, "Nomination", agent="山田太郎", theme="佐藤一郎")


def test_a_name_written_short_is_the_long_one_and_a_quoted_name_takes_its_head_nouns_class(results):
    r = results["short_forms"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # 北斗電工ＨＤ: the holding company named in full before (read as a person there); 鷹取|修, its
    # surname tagged a place
    assert [e.label for e in r.entities if "電工" in e.label and e.cls == "Company"] == ["北斗電工ホールディングス"]
    assert has(r, "Membership", agent="鷹取修", organization="北斗電工ホールディングス")
    # 発表会「…」 is an event, 工場「…」 a facility
    assert {("Event", "ソラリス・ナイト"), ("Facility", "東邦電工ハノイ工場")} <= kinds
    # しらさぎ川まつり after 第50回しらさぎ川まつり: the same edition
    assert [e.label for e in r.entities if "まつり" in e.label] == ["第50回しらさぎ川まつり"]


def test_membership_from_a_relative_clause_an_office_before_the_name_and_a_reference(results):
    r = results["membership_forms"]
    # …が加盟する東南アジア諸国連合: what the clause's subject belongs to is the noun
    assert has(r, "Membership", agent="インドネシア", organization="東南アジア諸国連合")
    # サンライズ広島のＭＦ早瀬蓮: the club の before the office written before the name
    assert has(r, "Membership", agent="早瀬蓮", organization="サンライズ広島")
    assert has(r, "PositionHolding", agent="早瀬蓮", position="MF")
    assert has(r, "Membership", agent="山田太郎", organization="東和FC")  # 東和ＦＣの投手山田太郎


def test_a_bare_quote_is_said_by_the_person_who_opens_the_next_sentence(results):
    r = results["quote_then_speaker"]
    said = {(f.sentence, dict(f.roles)["agent"]) for f in r.facts if f.cls == "Statement"}
    # 「…」。森川敬一所長は…顔をほころばせた: his words, not a quote that 佐伯真理子's goes on with
    assert said == {(0, "Person:佐伯真理子"), (1, "Person:森川敬一")}
    assert next(f.quote for f in r.facts if f.sentence == 1) == "基礎研究の大切さが認められた"


def test_a_place_the_parser_hangs_on_the_date_after_it_is_the_verbs(results):
    r = results["place_before_date"]
    # 白鷺市で|３日、…が開幕した: where the festival opened, though parsed as the date's
    assert has(r, "Containment", agent="第50回しらさぎ川まつり", location="白鷺市")


def test_a_city_named_with_zhou_is_one_place(results):
    # 杭州|市 (read as a school): 州 ends the name here, not a province before the city
    assert [(e.cls, e.label) for e in results["zhou_city"].entities if e.cls == "Place"] == [("Place", "杭州市")]


def test_a_certificate_handed_over_is_the_award_named_before_it(results):
    r = results["award_tokens"]
    kinds = {(e.cls, e.label) for e in r.entities}
    # 「ヘルマン国際材料科学賞」 read as a film: a title ending in 賞 is an award
    assert ("Award", "ヘルマン国際材料科学賞") in kinds
    # 賞状が手渡された: the award the article named, not a certificate of its own
    assert has(r, "Gift", agent="佐藤一郎", theme="ヘルマン国際材料科学賞")
    assert not any(label == "賞状" for _, label in kinds)
    # 記念の盾 is more than the bare word: a thing given of its own
    assert has(r, "Gift", agent="鈴木花子", theme="記念の盾")
    # with no award named before it, the certificate is the thing given
    assert has(results["award_token_alone"], "Gift", agent="田中一郎", recipient="山田花子", theme="賞状")


def test_a_name_written_only_inside_an_event_name_is_the_events(results):
    r = results["inside_event_name"]
    labels = [e.label for e in r.entities]
    assert "東アジア経済連携機構(EAEO)首脳会議" in labels
    assert has(r, "Attendance", agent="山田太郎", theme="東アジア経済連携機構(EAEO)首脳会議")
    # the body whose summit it is, named nowhere else, is no node beside the summit
    assert "東アジア経済連携機構" not in labels
    # named again on its own, it is
    assert "東アジア経済連携機構" in [e.label for e in results["inside_event_name_and_out"].entities]


def test_the_abbreviation_of_common_words_is_no_name(results):
    labels = {e.label for e in results["common_word_acronym"].entities}
    # 自動車 and ガス end companies' names only after a name (トヨタ自動車): ＥＶ and ＬＮＧ are not companies
    assert not labels & {"EV", "LNG", "電気自動車", "液化天然ガス"}
    # an organisation word at the end (機構) names a body even with no name before it
    assert "国際協力機構" in labels


def test_a_name_with_its_head_office_in_parentheses_is_a_company_there(results):
    r = results["head_office_in_parentheses"]
    # 北斗|化成 read as a person: （本社・東京都港区） places a company, whatever the name looks like
    assert ("Company", "北斗化成") in {(e.cls, e.label) for e in r.entities}
    assert has(r, "Containment", agent="北斗化成", location="港区")
    assert has(r, "Statement", agent="北斗化成")


def test_a_word_for_a_kind_of_company_after_a_name_makes_it_a_company(results):
    r = results["company_word"]
    # 安曇さくら|電鉄 with the first part read as a person: 電鉄 (kg/data/suffix_classes.tsv) ends a company
    assert ("Company", "安曇さくら電鉄") in {(e.cls, e.label) for e in r.entities}
    assert not any(e.cls == "Person" and e.label.startswith("安曇") for e in r.entities)
    assert has(r, "Statement", agent="安曇さくら電鉄")  # 同社によると: the company is the source


def test_a_minister_of_fields_of_government_is_a_title(results):
    # 統一相, 商務相: no entry of titles.tsv, but fields of government (ministry_fields.txt) and 相
    r = results["minister_of_fields"]
    assert has(r, "Meeting", agent="朴成民", participant="北村翔")
    assert has(r, "PositionHolding", agent="朴成民", position="統一相", organization="大韓民国")
    assert has(r, "PositionHolding", agent="劉国華", position="商務相", organization="中華人民共和国")
    # the reading is the same person, not a second one
    assert sorted(e.label for e in r.entities if e.cls == "Person") == sorted(["劉国華", "朴成民", "北村翔"])


def test_a_given_name_right_after_the_ner_person_span_completes_the_name(results):
    # 王|海|明: the NER spans 王海 (海 read as a suffix) and leaves the given name 明 outside
    r = results["given_name_after_span"]
    assert has(r, "Meeting", agent="王海明", participant="北村翔")
    assert sorted(e.label for e in r.entities if e.cls == "Person") == sorted(["王海明", "北村翔"])


def test_a_visit_noun_after_the_place_is_a_visit_by_the_person_it_describes(results):
    r = results["visit_nouns"]
    assert has(r, "Visit", agent="北村翔", location="ヨーロッパ")  # 欧州, linked to the gazetteer's Europe
    # …を訪問中の韓国の朴成民外相: the clause hung on the country describes the person after it
    assert has(r, "Visit", agent="金正浩", location="ペルー")
    # 来日中の…作曲家ハンナ・ベルクさん: the visitor is the person named after the title word
    assert has(r, "Visit", agent="ハンナ・ベルク", location="日本")


def test_a_title_after_the_dot_is_no_part_of_a_katakana_name(results):
    # グレース・ムワンガ・エネルギー鉱物資源相: エネルギー is the title's first field, not a third name
    r = results["katakana_name_then_title"]
    assert has(r, "PositionHolding", agent="グレース・ムワンガ", position="エネルギー鉱物資源相")
    assert not any(e.label.endswith("エネルギー") for e in r.entities)


def test_a_kanji_read_as_a_suffix_after_a_given_name_ends_the_name_before_a_title(results):
    # 朴|成|民|外相: 民 read as a suffix; the person is 朴成民, not 朴成
    r = results["suffix_read_given_name"]
    assert has(r, "PositionHolding", agent="朴成民", position="外相", organization="大韓民国")
    assert [e.label for e in r.entities if e.cls == "Person"] == ["朴成民"]


def test_a_name_written_with_fc_or_sc_is_a_club_and_the_same_club_without_it(results):
    r = results["club_and_headline"]
    teams = {e.label: e for e in r.entities if e.cls == "SportsTeam"}
    assert "北斗SC" in teams and "FC東和ユナイテッド" in teams and "東和ユナイテッド" not in teams
    assert "東和ユナイテッド" in teams["FC東和ユナイテッド"].alt_labels  # written again without its FC
    # the league is not the club: ヘッドコーチの山田太郎氏 belongs to the club the sentence is about
    assert has(r, "PositionHolding", agent="山田太郎", position="ヘッドコーチ", organization="北斗SC")


def test_a_holding_the_headline_and_the_body_both_state_is_the_body_s(results):
    r = results["club_and_headline"]
    label = {e.key: e.label for e in r.entities}
    held = [f.sentence for f in r.facts if f.cls == "PositionHolding" and
            [label[k] for k in f.role("agent")] == ["山田太郎"] and [label[k] for k in f.role("position")] == ["ヘッドコーチ"]]
    assert r.sentences[0].heading and not r.sentences[1].heading
    assert held == [1]


def test_a_club_written_after_its_league_and_no_is_part_of_the_league(results):
    r = results["club_and_headline"]  # サッカーＪ３の北斗ＳＣ
    assert has(r, "Part", agent="北斗SC", theme="J3")
    assert [e.cls for e in r.entities if e.label == "J3"] == ["Organization"]  # a league, not a team


def test_a_name_after_a_company_word_and_no_is_a_company(results):
    r = results["descriptor_no_name"]
    classes = {e.label: e.cls for e in r.entities}
    assert classes.get("ミドリ堂") == "Company"  # 部品メーカーのミドリ堂, with the suffix-read 堂
    assert "ブース" not in classes  # 新興企業のブース: a common word is no name


def test_a_topic_the_parser_hung_on_a_relative_clause_is_the_sentence_s(results):
    # 東和テックは…本社を置く|メーカーのミドリ堂を買収すると発表した: the parser hangs 東和テックは on 置く
    r = results["descriptor_no_name"]
    assert has(r, "Acquisition", agent="東和テック", theme="ミドリ堂")
    assert has(r, "Containment", agent="ミドリ堂", location="福岡市")  # the seat is the described company's
    assert not has(r, "Containment", agent="東和テック", location="福岡市")


def test_a_person_named_with_the_title_alone_keeps_the_company_given_before(results):
    # 山田社長 after 東和テックの山田太郎社長: not 北斗化成, the company the previous sentence ended on
    r = results["office_given_before"]
    label = {e.key: e.label for e in r.entities}
    later = {(label[f.role("agent")[0]], label[f.role("organization")[0]]) for f in r.facts
             if f.cls == "Membership" and f.sentence == 1}
    assert later == {("山田太郎", "東和テック")}


def test_each_person_a_list_ending_in_ra_names_attends_the_ceremony_the_word_shiki_refers_to(results):
    # 式には AやB、Cら約３００人が出席した, three sentences after 授賞式 is named
    r = results["listed_attendees"]
    for person in ("大河内正臣", "川辺純一", "アンヌ・ルクレール"):
        assert has(r, "Attendance", agent=person, theme="授賞式"), person


def test_the_head_of_a_named_unit_is_an_office_title(results):
    # 宇宙|事業部|長: the unit's words and 長 (unit_head_words.txt), no entry of titles.tsv
    r = results["unit_head"]
    assert has(r, "PositionHolding", agent="山田太郎", position="宇宙事業部長")
    assert has(r, "Statement", agent="山田太郎")
    assert [e.label for e in r.entities if e.cls == "Person"] == ["山田太郎"]


def test_a_phrase_before_a_quote_the_parser_hung_inside_it_belongs_to_the_reporting_verb(results):
    # 桑原氏は…会見し、「大町会長が守ってきた…」と語った: 会見し hung on 守っ inside the quote
    r = results["phrase_before_quote"]
    assert has(r, "Statement", agent="桑原")
    assert not has(r, "Statement", agent="大町義雄")


def test_who_appoints_holds_nothing_and_who_is_put_in_the_post_holds_it(results):
    r = results["appointer"]
    assert has(r, "PositionHolding", agent="北野浩二", position="財務相")
    assert has(r, "PositionHolding", agent="南田恵子", position="会長")  # 充てる, an appointing verb
    assert not any(c in ("Appointment", "PositionHolding") and "山田" in roles.get("agent", ())
                   and "財務相" in roles.get("position", ()) for c, roles in facts(r))
    assert not any(c == "Appointment" and roles.get("position", set()) & {"北野浩二", "南田恵子"} for c, roles in facts(r))


def test_a_company_set_off_by_a_comma_after_its_country_and_description_is_there(results):
    r = results["country_descriptor_comma"]
    assert has(r, "Containment", agent="ハンビット・エナジー", location="大韓民国")
    # 永|晟 read as a person's name, with 材料 after it: the company's name after its description
    assert {e.label: e.cls for e in r.entities}.get("永晟材料") == "Company"
    assert not any(e.cls == "Person" for e in r.entities)
    assert has(r, "Containment", agent="永晟材料", location="台湾")


def test_a_school_s_name_cut_by_the_dictionary_holds_no_countries(results):
    # 緑ケ|台中|学校: 台中 is no 台湾 and 中国 here; the name and 学校 are the school
    r = results["school_name"]
    assert not any(e.cls == "Country" for e in r.entities)
    names = {e.label: e.cls for e in r.entities}
    assert names.get("市立緑ケ台中学校") == "Organization" and names.get("北山小学校") == "Organization"


def test_what_is_praised_is_who_it_is_about_or_whose_work_it_is(results):
    r = results["praised_through"]
    assert has(r, "Praise", agent="山田", theme="桐島")  # …さんの演技を絶賛した
    assert has(r, "Praise", agent="村瀬一郎", theme="真壁誠二")  # …について「…」と評価した
    assert has(r, "Praise", agent="北村", theme="ペルー")  # ペルーが成し遂げた経済成長を評価した


def test_a_given_name_in_kana_inside_the_ner_person_is_the_person_s(results):
    # 白石|ひなた|さん: ひなた tagged a proper noun, not a given name; the NER spans both
    r = results["kana_given_name"]
    assert sorted(e.label for e in r.entities if e.cls == "Person") == sorted(["白石ひなた", "水野あかり"])


def test_a_title_in_double_brackets_outside_a_quote_is_a_work(results):
    r = results["work_title"]
    works = [e.label for e in r.entities if e.cls == "Product"]
    assert works == ["白波の記憶"]  # 『海の歌』 inside 「」 is a quote within the quote, left alone


def test_a_town_name_cut_by_the_dictionary_and_the_visit_of_one_who_entered_it(results):
    r = results["town_entered"]
    assert {e.label: e.cls for e in r.entities}.get("鳴瀬台市") == "Place"
    assert has(r, "Visit", agent="高瀬康弘", location="鳴瀬台市")  # 鳴瀬台市に入った高瀬…総理大臣
    # 傘下に入った: no place gone to, no visit
    assert not any(c == "Visit" and "東和商事" in roles.get("agent", ()) for c, roles in facts(r))


def test_a_list_s_first_item_hung_on_the_verb_takes_the_case_of_the_list_s_end(results):
    # 山田太郎町長（６１）や、…佐藤花子氏ら約２００人が出席した
    r = results["list_head_on_verb"]
    assert has(r, "Attendance", agent="山田太郎", theme="開館式")
    assert has(r, "Attendance", agent="佐藤花子", theme="開館式")


def test_a_library_s_quoted_name_is_a_facility(results):
    r = results["list_head_on_verb"]  # 図書館「みなとライブラリー」
    assert {e.label: e.cls for e in r.entities}.get("みなとライブラリー") == "Facility"


def test_a_press_conference_is_no_meeting_and_a_kaiken_with_someone_is(results):
    r = results["press_conference"]
    assert not any(c == "Meeting" and "山田太郎" in roles.get("agent", ()) for c, roles in facts(r))
    assert has(r, "Meeting", agent="北村翔", participant="スミス")


def test_a_city_and_a_district_joined_by_a_dot_are_two_places(results):
    # 東京・元|赤坂 read by the NER as 東京・元 and 赤坂 (a real district: the rule answers the NER)
    r = results["city_dot_district"]
    places = sorted(e.label for e in r.entities if e.cls == "Place")
    assert "元赤坂" in places and not any("・" in p for p in places) and "赤坂" not in places
    assert has(r, "Containment", agent="元赤坂", location="東京都")


def test_a_successor_with_no_one_named_before_follows_the_one_who_resigned(results):
    # 後任の会長に南田恵子社長を充てる, after 北村義雄会長が辞任した
    r = results["successor_of_leaver"]
    assert has(r, "Succession", agent="南田恵子", theme="北村義雄")
    assert has(r, "PositionHolding", agent="南田恵子", position="会長")


def test_the_one_appointed_before_succeeds_whose_successor_a_subjectless_sentence_names(results):
    # …山田太郎氏が新監督に昇格する。…佐藤一郎監督（５５）の後任となる。
    r = results["successor_of_appointed"]
    assert has(r, "Succession", agent="山田太郎", theme="佐藤一郎")


def test_who_is_named_before_nohoka_attends_too(results):
    r = results["besides"]
    label = {e.key: e.label for e in r.entities}
    by_sentence = {f.sentence: sorted(label[k] for k in f.role("agent")) for f in r.facts if f.cls == "Attendance"}
    assert by_sentence.get(1) == sorted(["北村翔", "アグス・ウィジャヤ"])  # のほか on the subject
    assert by_sentence.get(2) == sorted(["北村翔", "南田修"])  # のほか on the verb
