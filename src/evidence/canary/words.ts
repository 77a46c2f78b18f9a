/**
 * The words canaries are made of. Plain English, so a canary reads like an
 * ordinary constant name (quiet_harbor_lantern_47) and nothing in a cleaning
 * pipeline takes it for a secret: no hex, no base64, and none of the words
 * secret scanners key on (key, token, secret, pass, auth, private, ...).
 * Changing these lists changes every future campaign's canaries: add a new
 * version instead.
 */
export const WORDLIST_VERSION = "tgpl-words-1";

export const ADJECTIVES = `amber ancient arctic autumn bold brave breezy bright brisk calm candid
careful cheerful clever cobalt coral cosmic crimson crisp curious dapper dawn deep
distant dusty eager early earnest elder emerald fair faithful fancy fearless fertile
festive fluffy foggy frosty gentle giant gilded glad glassy golden graceful grand
granite green hardy hazel hidden hollow humble icy idle indigo ivory jade jolly
keen kind lasting lavish lazy little lively lofty lone loyal lucky lunar mellow
merry mighty misty modest mossy muddy narrow nimble noble northern oaken olive
orange patient pearly plain plucky polar proud purple quaint quick quiet radiant
rare restful rosy rough round royal rustic sandy scarlet serene shady shiny silent
silver simple slow smoky snowy soft solar sparse spry steady stony stormy sturdy
sunny swift tall tawny tender thrifty tidy timber tiny tranquil tropical velvet
vivid wandering warm wary watchful wild windy wise witty wooden young zesty`
  .split(/\s+/)
  .filter(Boolean);

export const NOUNS = `acorn anchor anvil apple arbor arch arrow aspen atlas aurora badger
bakery balloon bamboo banjo barley barn basin basket beacon beaver bell berry birch
bison blossom boat bonfire boulder bramble bridge brook bucket buffalo bugle cabin
cactus camel canal candle canoe canyon capsule caravan cargo carrot castle cedar
cellar chapel cherry chestnut chimney cinder citadel clover cobble comet canopy
copper cottage cove coyote crane crater creek cricket crow crystal cypress dahlia
daisy delta desert dolphin dove dragon drum dune eagle easel echo elm ember engine
falcon feather fern ferry fiddle field finch fjord flame flint flute forest
fountain fox galaxy garden garnet geyser glacier glen goblet goose gorge granary
grove gull hammer harbor harvest hawk hazelnut heron hill hive horizon hornet
iceberg inlet island ivy jasmine jetty juniper kayak kestrel kettle kite lagoon
lake lantern larch lark lemon lighthouse lily linden lotus lynx magnet mango maple
marble marsh meadow melon mesa mill minnow mirror mole moon moose moth mountain
mulberry nest nettle oasis oar ocean orchard orchid osprey otter owl oyster paddle
panther parrot pasture peach pebble pelican pepper pine pinecone plateau plum pond
poplar poppy prairie puffin quail quarry quill rabbit raft rainbow raven reef
ridge river robin rocket rowan saddle sage sail salmon sapling sparrow spruce
squirrel star stone stream summit swallow swan sycamore tangerine teapot thicket
thistle thrush thunder tide tiger timberland torch tortoise tower trail trout
tulip tundra turnip turtle valley violet volcano walnut walrus warbler waterfall
wave weasel willow windmill wolf wren yak yarrow zebra zephyr`
  .split(/\s+/)
  .filter(Boolean);
