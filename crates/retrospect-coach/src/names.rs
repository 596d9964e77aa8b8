//! Common given names from many cultures. Used only for capitalised tokens, so a
//! name that is also a word ("Will", "May", "Grace") is left out on purpose: a false
//! "person" turns a system sentence into an accusation. The incident roster passed in
//! the `Context` is always the better source; this list is the fallback.

use std::collections::HashSet;
use std::sync::LazyLock;

const NAMES: &str = "
aaron abby abdul abdullah abe abigail abraham ada adam adaeze adebayo adeel aditi aditya adrian adriana agnes ahmad ahmed ai aidan aiden aiko aisha akash akira akosua alan alana albert alberto alejandra alejandro aleksandr aleksandra alex alexa alexander alexandra alexei alexis alfred ali alice alicia alina alison allan allison alma amanda amara amber amelia amina amir amit amy ana anand anders andre andrea andreas andrei andres andrew andy angela angelo anil anita ann anna anne annie anthony antoine anton antonio anya arash archie ari ariana arjun arnav arthur arturo arun asha ashley ashok astrid aubrey audrey austin ava avery axel ayesha aziz
barbara barry bart beatriz becky bella ben benedict benjamin bernard bert beth bethany betty bianca bilal billy blake bob bobby boris brad bradley brandon brenda brendan brian bridget brittany bruce bruno bryan
caleb cameron camila carl carla carlos carmen carol caroline carolyn casey catalina catherine cathy cecilia cedric celia cesar chad charles charlie charlotte chelsea chen cheng chidi chinedu chioma chloe chris christian christina christine christopher chuck claire clara clare claudia colin connor conor craig cristina curtis cynthia
dale damian dan dana daniel daniela danielle danny daria dario darius darren daryl dave david dawit dean deb debbie deborah deepak deepika dennis derek desmond devi devon diana diane diego dimitri dina dmitri dmitry dominic don donald donna doris dorothy doug douglas duc duncan dylan
ed eddie edgar edith edmund eduardo edward efe eileen elaine elena eli elias elif elijah elisa elizabeth ella ellen ellie eloise elsa emeka emil emilia emily emma emmanuel enrique eric erica erik erin ernesto esther ethan eugene eva evan eve evelyn ezra
fabian fadi farah farid fatima fatma federico felipe felix fernando fiona florian francesca francesco francis francisco frank franz fred freddie frederick freya fumiko
gabe gabriel gabriela gary gavin gemma geoff geoffrey george georgia gerald gerard gianni gina giorgio giovanni giulia glen glenn gloria gordon graham greg gregory greta guillermo gustavo guy
hailey hakim hamza hana hannah hans harold harriet harry harvey hassan heather hector heidi helen helena henrik henry hiro hiroshi hoang hugo hussein
ian ibrahim ida ifeoma igor ilya imani imran ines ingrid ioana irene iris isaac isabel isabella isaiah ismail ivan ivy
jack jackie jacob jacqueline jaime jake jakub jamal james jamie jane janet janice jared jasmine jason javier jay jayden jean jeff jeffrey jenna jennifer jenny jeremy jerome jerry jess jesse jessica jesus jill jim jimmy jin jo joan joanna joao joaquin jodie joe joel johan johanna john johnny jon jonas jonathan jordan jorge jose josef joseph josh joshua joyce juan judith judy julia julian juliana julie julien julio jun justin
kai kamal kamala karen karim karina karl kasia kate katherine kathleen kathryn kathy katie katrina kayla keith kelly ken kenji kenneth kerry kevin khalid kim kimberly kiran kirsten klaus kofi kojo kristen kumar kwame kyle
lakshmi lana lars laura lauren laurent lea leah lee leila lena leo leon leonard leonardo leroy leslie lewis li liam lily lina linda lindsay lionel lisa liz liza logan lois lorenzo lori louis louise lucas lucia lucy luis luisa luka lukas luke lydia
madeline madison magdalena maggie mahmoud mai maja malik manish manuel marc marcel marco marcos mark marcus margaret margo maria mariam marie marina mario marisol marius marjorie marta martha martin martina marvin mary maryam mateo matias matt matteo matthew maureen maurice max maxim maya megan mehmet mei melanie melissa mia michael michaela michel michelle miguel mika mike mikhail milan miles mina mira miriam mohamed mohammad mohammed monica morgan moses muhammad mustafa
nadia nadine nancy naomi natalia natalie nathan nathaniel neha neil nelson nia nick nicholas nicola nicolas nicole nidhi niels nikhil nikita nikolai nina noah noel nora norman nour
obinna oleg olga oliver olivia olu oluwaseun omar oscar otto owen
pablo paolo parisa pat patricia patrick paul paula pavel pedro peggy peng penny percy pete peter petra phil philip philippe pierre pietro pooja pradeep prakash priya priyanka
qiang quentin quinn
rachel radu rafael rahul raj rajesh ralph ramesh ramon randy raphael raquel rashid ravi ray raymond rebecca reggie renata rene reza ricardo richard rick rita rob robert roberta roberto robin rodrigo roger rohan roland roman ron ronald rory rosa ross roy ruben rui rupert russell ruth ryan
sabrina sachin sadia sahil saif sakura sally salma sam samantha sami samir samuel sandeep sandra sanjay santiago sara sarah sasha satoshi saul scott sean sebastian selin sergei sergey sergio seth shane shanice shannon sharon shaun sheila shirley shreya sibusiso silvia simon simone sina siobhan siddharth sofia sonia sophie soren stan stanley stefan stefanie stella stephanie stephen steve steven stuart sunil susan suzanne sven
tamara tanya tara ted teresa terry thabo thanh theo theresa thomas tim timothy tina tobias todd tom tomas tommy toni tony tracy travis trevor tyler
uma umar ursula usman
valentina valeria vanessa varun vera veronica victor victoria vijay vikram vincent viktor vivek vladimir
walter wang wayne wei wendy wesley william willow wojciech
xavier xin xu
yan yang yara yasmin yasmine yelena yiannis yohannes yosef youssef yuki yuri yusuf yvonne
zach zachary abena adaora adwoa afia akin akua ama amadou ange anjali ankit anouk aoife arvid ashwin ayodele ayumi babajide bao barış bjorn björn boaz bongani bukola cem chiamaka chiara chinonso chukwuemeka cormac dagny darko dayo deniz dilnoza dinesh dong dorota eamon emeka emre erlan esra ewa eszter farhan faisal femi folake funmi gaurav goran gulnara hamid haruki hyun ibrahima ifeanyi ilse ines ishaan itzel jana jarrah jiho jiwoo joon jovana jurgen kaveh kemal kenta keiko khadija kiri kobe kwabena laleh lamar lars lerato liang lindiwe lorenzo luca lwazi mahsa makoa malak manon marek mariana marika matej mehdi mei-ling milica minh mirela mohsen murat naledi nandi nasrin nayeli neha ngozi nico nikola nilufar nkechi nnamdi noor obi ogechi oksana olamide oluwadamilare omari orla oskar otieno pavlina piotr pranav priyanka radek rahim rania rasmus reza rohit ruslan ryo saanvi sadiq sanjeev sasha seun shira shota siddhant sipho siti sizwe soo-jin srinivas stanislav sunita takeshi tamar tanvir thandiwe themba timur tunde uchenna ulla vusi wanjiru xiaoming yaw yerlan yejin yiannis yoshiro zanele zawadi zhen zhou zinhle zodwa zainab zara zeynep zhang zoe zoltan
";

static NAME_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| NAMES.split_whitespace().collect());

/// True when `lower` (already lowercased) is a common given name.
pub fn is_common_name(lower: &str) -> bool {
    NAME_SET.contains(lower)
}

/// Given names that are also common English or technical words ("max", "ruby",
/// "frank"): in lower-case chat they are more often the word than the person.
const WORD_NAMES: &str = "ai ada akin amber april august austin bao bella chad chuck dale dean deb don dong ed eve frank georgia glen glenn guy hugo ida iris ivy jack jasmine jay jean jordan julia jun ken lea lee li lily mai max milan miles mina nick obi pat penny percy ray rob robin roman ross roy ruby sally stan tara tony uma wang willow yaw yang yan xu will may mark bill grant chase drew art rose hope joy faith crystal dawn sandy hunter mason summer victor carol ash cliff wade reed matt gene";

static WORD_NAME_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| WORD_NAMES.split_whitespace().collect());

/// True when a lower-case token is a given name that is not also a common word:
/// "dave pushed the config" names Dave; "max connections" does not name Max.
pub fn is_lowercase_name(lower: &str) -> bool {
    is_common_name(lower) && !WORD_NAME_SET.contains(lower)
}
