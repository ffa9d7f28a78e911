/**
 * Common surnames and first names in the UK today, most common first (after ONS and
 * National Records of Scotland name lists), with a spread of heritages a city clinic sees.
 * Faker's en_GB locale borrows US surnames ("Schaden", "Kub-Torp"), which neither look
 * right in a demo nor give the bench a realistic spread of repeats.
 */
export const SURNAMES =
  `Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts
Robinson Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson
Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James
Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter
Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis
Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell
Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins
Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott
Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill
Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart
Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry
Stone Reid Holland Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird
Gardner Shah Dean Lane Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd
Ross Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis
Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler
Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Chowdhury Nowak Kowalski
Okafor Mensah Nguyen Chen Wong Siddiqui Rahman Mistry Joshi Fraser MacLeod Jenkins-Hall Ó'Súilleabháin
Lindqvist Fernández Costa Silva Santos Novak Horvat Adeyemi Owusu Bakr`.split(/\s+/)

export const FEMALE_NAMES = `Olivia Amelia Isla Ava Emily Sophie Grace Lily Chloe Jessica Hannah
Charlotte Ella Lucy Emma Sarah Laura Rebecca Rachel Claire Helen Katie Lauren Amy Gemma Nicola
Joanne Karen Susan Julie Priya Aisha Fatima Zara Niamh Siobhán Eilidh Megan Holly Zoë Anna Eleanor
Alice Freya Harriet Ruth Jane Alison Fiona Louise Catherine Victoria Elizabeth Kirsty Leah Ayesha
Maja Chiamaka Mei Ellie`.split(/\s+/)

export const MALE_NAMES = `Oliver George Harry Jack Jacob Noah Charlie Thomas James William Daniel
Matthew Joshua Samuel Ben Luke Ryan Adam Tom David Michael Paul Mark Andrew Stephen Richard Peter
Chris Gareth Rhys Callum Liam Connor Ewan Mohammed Ali Arjun Rohan Kwame Tomasz Dylan Owen Alfie Joe
Sam Dev Jamie Craig Neil Simon Robert Jonathan Alexander Nathan Aaron Kieran Imran Declan Femi
Ciarán`.split(/\s+/)

/** Pick from a most-common-first list with a gently falling (Zipf-like) weight. */
export function zipfPicker(list: readonly string[], flatten = 30): (r: number) => string {
  const cumulative: number[] = []
  let total = 0
  for (let i = 0; i < list.length; i++) cumulative.push((total += 1 / (i + flatten)))
  return (r) => {
    const target = r * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < target) lo = mid + 1
      else hi = mid
    }
    return list[lo]!
  }
}
