import type { Rng } from './random.js';

/** First and family names from several cultures, weighted roughly like an international network. */
const CULTURES: readonly { weight: number; first: readonly string[]; last: readonly string[] }[] = [
  {
    weight: 14,
    first: [
      'Emma',
      'Oliver',
      'Grace',
      'James',
      'Hannah',
      'Daniel',
      'Olivia',
      'Michael',
      'Chloe',
      'Samuel',
      'Rachel',
      'Thomas',
    ],
    last: [
      'Carter',
      'Hughes',
      'Bennett',
      'Foster',
      'Reynolds',
      'Walsh',
      'Turner',
      'Brooks',
      'Mitchell',
      'Hayes',
      'Porter',
      'Sullivan',
    ],
  },
  {
    weight: 8,
    first: ['José', 'Lucía', 'Carmen', 'Javier', 'Sofía', 'Mateo', 'Valentina', 'Diego', 'Inés', 'Andrés'],
    last: ['García', 'Martínez', 'López', 'Fernández', 'Romero', 'Navarro', 'Ortega', 'Castillo', 'Delgado', 'Muñoz'],
  },
  {
    weight: 5,
    first: ['João', 'Beatriz', 'Tiago', 'Mariana', 'Gonçalo', 'Leonor', 'Rafael', 'Camila'],
    last: ['Silva', 'Costa', 'Ferreira', 'Almeida', 'Carvalho', 'Gonçalves', 'Ribeiro', 'Sousa'],
  },
  {
    weight: 8,
    first: [
      'Søren',
      'Astrid',
      'Freja',
      'Mikkel',
      'Ingrid',
      'Lars',
      'Sigrid',
      'Mads',
      'Åsa',
      'Henrik',
      'Linnea',
      'Jonas',
    ],
    last: ['Madsen', 'Nyström', 'Lindqvist', 'Halvorsen', 'Jørgensen', 'Berg', 'Sørensen', 'Åberg', 'Dahl', 'Eriksen'],
  },
  {
    weight: 6,
    first: ['Zoë', 'Hélène', 'Théo', 'Camille', 'Étienne', 'Margaux', 'Julien', 'Chloé', 'Léa', 'Baptiste'],
    last: ['Lefèvre', 'Moreau', 'Girard', 'Rousseau', 'Fontaine', 'Chevalier', 'Marchand', 'Dubois'],
  },
  {
    weight: 7,
    first: ['Jürgen', 'Katrin', 'Lena', 'Felix', 'Anja', 'Matthias', 'Sophie', 'Lukas', 'Franziska', 'Tobias'],
    last: ['Müller', 'Schneider', 'Becker', 'Hoffmann', 'Weiß', 'Krüger', 'Schäfer', 'Vogel', 'Brandt', 'Keller'],
  },
  {
    weight: 8,
    first: ['Priya', 'Arjun', 'Ananya', 'Rohan', 'Kavya', 'Vikram', 'Meera', 'Aditya', 'Nisha', 'Sanjay'],
    last: ['Sharma', 'Iyer', 'Patel', 'Reddy', 'Nair', 'Gupta', 'Menon', 'Desai', 'Kapoor', 'Rao'],
  },
  {
    weight: 5,
    first: ['Wei', 'Mei', 'Jun', 'Xiu', 'Hao', 'Yuxin', 'Lei', 'Ying'],
    last: ['Chen', 'Wang', 'Zhang', 'Liu', 'Huang', 'Zhou', 'Lin', 'Xu'],
  },
  {
    weight: 4,
    first: ['Haruto', 'Yui', 'Ren', 'Aoi', 'Sota', 'Hina', 'Kenji', 'Emi'],
    last: ['Sato', 'Tanaka', 'Watanabe', 'Ito', 'Nakamura', 'Kobayashi', 'Yamamoto', 'Takahashi'],
  },
  {
    weight: 3,
    first: ['Ji-woo', 'Min-jun', 'Seo-yeon', 'Hyun-woo', 'Ha-eun', 'Do-yun'],
    last: ['Kim', 'Park', 'Choi', 'Jung', 'Kang', 'Yoon'],
  },
  {
    weight: 5,
    first: ['Chidi', 'Ngozi', 'Tunde', 'Amara', 'Emeka', 'Folake', 'Kwame', 'Adaeze'],
    last: ['Okafor', 'Adeyemi', 'Balogun', 'Eze', 'Mensah', 'Okonkwo', 'Adebayo', 'Nwosu'],
  },
  {
    weight: 5,
    first: ['Layla', 'Omar', 'Yasmin', 'Karim', 'Nour', 'Tariq', 'Rania', 'Samir'],
    last: ['Haddad', 'Khalil', 'Mansour', 'Nasser', 'Saleh', 'Farouk', 'Aziz', 'Hamdan'],
  },
  {
    weight: 4,
    first: ['Małgorzata', 'Piotr', 'Agnieszka', 'Tomasz', 'Kasia', 'Jakub', 'Zuzana', 'Ondřej'],
    last: ['Nowak', 'Kowal', 'Dvořák', 'Novák', 'Mazur', 'Wójcik', 'Krawczyk', 'Horák'],
  },
  {
    weight: 4,
    first: ['Siobhán', 'Aoife', 'Cian', 'Niamh', 'Eoin', 'Ciarán', 'Róisín', 'Declan'],
    last: ["O'Brien", 'Murphy', 'Byrne', 'Kelly', 'Doyle', 'Gallagher', 'Keane', 'Whelan'],
  },
  {
    weight: 3,
    first: ['Ayşe', 'Emre', 'Elif', 'Burak', 'Zeynep', 'Can'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Çelik', 'Şahin', 'Aydın'],
  },
  {
    weight: 3,
    first: ['Linh', 'Minh', 'Thảo', 'Duc', 'Hoa', 'Quang'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu'],
  },
  {
    weight: 4,
    first: ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Matteo'],
    last: ['Rossi', 'Bianchi', 'Conti', 'Ricci', 'Marino', 'Greco'],
  },
  {
    weight: 4,
    first: ['Sanne', 'Joris', 'Femke', 'Bram', 'Lieke', 'Ruben'],
    last: ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Smit'],
  },
];

const INITIALS = 'ABCDEFGHJKLMNPRSTW';

/** Draws full names, unique while the name lists allow, then with a middle initial. */
export class NameDrawer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(): { first: string; last: string; full: string } {
    for (let attempt = 0; ; attempt++) {
      const culture = this.rng.weighted(CULTURES.map((c) => [c, c.weight] as const));
      const first = this.rng.pick(culture.first);
      const last = this.rng.pick(culture.last);
      const middle = attempt < 8 ? '' : ` ${this.rng.pick([...INITIALS])}.`;
      const full = `${first}${middle} ${last}`;
      if (!this.used.has(full) || attempt > 30) {
        this.used.add(full);
        return { first, last, full };
      }
    }
  }
}

const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', ı: 'i', đ: 'd' };

/** "Søren", "O'Brien", "de Vries" → "soren", "obrien", "devries": the ASCII of an email address. */
export function asciiWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæœßłıđ]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '');
}
