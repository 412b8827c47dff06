//! Deterministic synthetic protected lists and profiles for speed benchmarks (no downloads, no Faker):
//! names built from first-name and middle-name tables of several locales and surnames with a long tail
//! (30% common, 70% built from syllables, as real lists of distinct people have), handles in the
//! styles people use, queries that are half look-alikes of listed accounts and half ordinary people.

#![allow(dead_code)]

use vipguard::{Account, HandleRef};
use vipguard::{Profile, ProtectedList};

const FIRST: &[&str] = &[
    "Aliko", "Olamide", "Chinedu", "Ngozi", "Adaeze", "Tunde", "Kwame", "Kofi", "Ama", "Yaw",
    "Abena", "Fatou", "Mamadou", "Aminata", "Ibrahima", "Moussa", "Awa", "Cheikh", "Seydou",
    "Mariam", "Amadou", "Khadija", "Ousmane", "Binta", "Emeka", "Chioma", "Ifeanyi", "Halima",
    "Musa", "Zainab", "Yusuf", "Aisha", "Bola", "Segun", "Funmi", "Kemi", "Wale", "Dayo", "Femi",
    "Tobi", "John", "Mary", "James", "Sarah", "Michael", "David", "Peter", "Paul", "Grace", "Joy",
    "Marie", "Jean", "Pierre", "Claire", "Luc", "Sophie", "Ana", "Joao", "Maria", "Carlos",
    "Lucia", "Pedro", "Sofia", "Ahmed", "Omar", "Layla", "Hassan", "Nour", "Ivan", "Olga", "Nikos",
    "Eleni", "Priya", "Arjun", "Wei", "Mei", "Hiro", "Yuki", "Anna", "Lars", "Emma", "Noah",
    "Liam", "Olivia", "Mateo", "Camila", "Kwabena", "Akosua", "Efua", "Nana", "Kojo", "Esi",
    "Adwoa", "Yaa",
];
const MIDDLE: &[&str] = &[
    "", "A.", "B.", "Oluwa", "Chi", "Ben", "Abdul", "Marie", "Jean", "K.",
];
const LAST: &[&str] = &[
    "Dangote",
    "Adeyemi",
    "Okafor",
    "Okonkwo",
    "Mensah",
    "Owusu",
    "Boateng",
    "Asante",
    "Diop",
    "Ndiaye",
    "Fall",
    "Sow",
    "Ba",
    "Diallo",
    "Traore",
    "Kone",
    "Coulibaly",
    "Ouattara",
    "Kouassi",
    "Yao",
    "Balogun",
    "Bello",
    "Abubakar",
    "Sani",
    "Usman",
    "Eze",
    "Nwosu",
    "Obi",
    "Okeke",
    "Adebayo",
    "Ogunleye",
    "Afolabi",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Moreau",
    "Silva",
    "Santos",
    "Oliveira",
    "Garcia",
    "Martinez",
    "Lopez",
    "Hassan",
    "Ali",
    "Ibrahim",
    "Mahmoud",
    "Petrov",
    "Ivanov",
    "Papadopoulos",
    "Sharma",
    "Patel",
    "Chen",
    "Wang",
    "Tanaka",
    "Sato",
    "Muller",
    "Schmidt",
    "Rossi",
    "Bianchi",
    "Kamara",
    "Sesay",
    "Conteh",
    "Jalloh",
    "Banda",
    "Phiri",
    "Mwangi",
    "Otieno",
    "Kariuki",
];

const SYLLABLES: &[&str] = &[
    "a", "ba", "bi", "bo", "da", "de", "di", "do", "ka", "ke", "ko", "la", "le", "lo", "ma", "me",
    "mi", "mo", "na", "ne", "ni", "no", "o", "ra", "ri", "ro", "sa", "se", "si", "so", "ta", "te",
    "ti", "to", "wa", "ye", "yo", "ku", "mu", "nu", "gu", "fa", "fo", "ja", "jo", "chi", "kwe",
    "mba", "ndi", "tse",
];

/// Surnames with a long tail, as in real lists: 30% from the common table, the rest built from syllables.
fn surname(rng: &mut Rng) -> String {
    if rng.below(10) < 3 {
        return rng.pick(LAST).to_string();
    }
    let n = 2 + rng.below(3);
    let s: String = (0..n).map(|_| rng.pick(SYLLABLES)).collect();
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Small deterministic generator (SplitMix64).
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn handle_for(first: &str, last: &str, n: usize, rng: &mut Rng) -> String {
    let base = match rng.below(4) {
        0 => format!("{first}{last}"),
        1 => format!("{first}_{last}"),
        2 => format!("{}{last}", &first[..1]),
        _ => format!("{last}{first}"),
    };
    let mut h: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(10)
        .collect();
    h.push_str(&n.to_string());
    h
}

/// `n` protected accounts with unique ids and handles.
pub fn protected(n: usize, seed: u64) -> ProtectedList {
    let mut rng = Rng::new(seed);
    let accounts = (0..n)
        .map(|i| {
            let (f, m) = (rng.pick(FIRST), rng.pick(MIDDLE));
            let l = surname(&mut rng);
            let name = if m.is_empty() {
                format!("{f} {l}")
            } else {
                format!("{f} {m} {l}")
            };
            Account {
                id: format!("s-{i}"),
                name,
                kind: None,
                aliases: vec![],
                handles: vec![HandleRef {
                    platform: "x".into(),
                    handle: handle_for(f, &l, i, &mut rng),
                }],
                official: vec![],
                avatars: vec![],
                links: vec![],
            }
        })
        .collect();
    ProtectedList { accounts }
}

/// `n` profiles: half near-copies of listed accounts (typo'd handle, lookalike letter in the name),
/// half ordinary people built from the same tables.
pub fn profiles(list: &ProtectedList, n: usize, seed: u64) -> Vec<Profile> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            if i % 2 == 0 {
                let a = &list.accounts[rng.below(list.accounts.len() as u64) as usize];
                let mut handle = a.handles[0].handle.clone();
                let pos = (rng.below(handle.len() as u64)) as usize;
                handle.insert(pos, 'x');
                let name = a.name.replacen('a', "а", 1);
                Profile {
                    id: format!("q{i}"),
                    platform: "x".into(),
                    handle,
                    name,
                    ..Default::default()
                }
            } else {
                let f = rng.pick(FIRST);
                let l = surname(&mut rng);
                let handle = format!(
                    "{}{}{}",
                    f.to_lowercase(),
                    l.to_lowercase().chars().take(3).collect::<String>(),
                    rng.below(10_000)
                );
                Profile {
                    id: format!("q{i}"),
                    platform: "x".into(),
                    handle,
                    name: format!("{f} {l}"),
                    ..Default::default()
                }
            }
        })
        .collect()
}

/// A 400x400 JPEG (quality 90) of the PDQ reference picture: the avatar the speed benchmarks hash.
pub fn jpeg_400() -> Vec<u8> {
    let dir = std::env::var("VIPGUARD_PDQ_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/pdq").into()
    });
    let img = image::open(format!("{dir}/decoded/aaa-orig.png"))
        .expect("PDQ test data")
        .into_rgb8();
    let img = image::imageops::resize(&img, 400, 400, image::imageops::FilterType::Triangle);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}
